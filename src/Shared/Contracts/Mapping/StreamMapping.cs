using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Contracts.Mapping;

/// <summary>Stream messages, both ways.</summary>
public static class StreamMapping
{
    public static Wire.StatusStreamMessage ToProto(this StreamItem<TaskStatusUpdate> item) => item switch
    {
        SnapshotBegin<TaskStatusUpdate> b => new() { SnapshotBegin = Boundary(b.Position, b.ItemCount, b.Reason) },
        SnapshotItem<TaskStatusUpdate> i => new() { SnapshotItem = i.Item.ToProto() },
        SnapshotEnd<TaskStatusUpdate> e => new() { SnapshotEnd = Boundary(e.Position, 0, string.Empty) },
        LiveEvent<TaskStatusUpdate> l => new() { Event = new Wire.StatusEvent { Position = l.Position.ToProto(), Update = l.Item.ToProto() } },
        _ => throw new ArgumentOutOfRangeException(nameof(item), item.GetType().Name, null),
    };

    public static StreamItem<TaskStatusUpdate> ToDomain(this Wire.StatusStreamMessage message) => message.KindCase switch
    {
        Wire.StatusStreamMessage.KindOneofCase.SnapshotBegin => new SnapshotBegin<TaskStatusUpdate>(
            message.SnapshotBegin.Position.ToDomain(), ItemCount(message.SnapshotBegin), Bounds.Text(message.SnapshotBegin.Reason)),
        Wire.StatusStreamMessage.KindOneofCase.SnapshotItem => new SnapshotItem<TaskStatusUpdate>(message.SnapshotItem.ToDomain()),
        Wire.StatusStreamMessage.KindOneofCase.SnapshotEnd => new SnapshotEnd<TaskStatusUpdate>(message.SnapshotEnd.Position.ToDomain()),
        Wire.StatusStreamMessage.KindOneofCase.Event => new LiveEvent<TaskStatusUpdate>(
            message.Event.Position.ToDomain(), (message.Event.Update ?? throw new ContractDataException("status event has no update")).ToDomain()),
        _ => throw new ContractDataException("status stream message has no kind"),
    };

    public static Wire.UpdaterStreamMessage ToProto(this StreamItem<UpdaterEvent> item) => item switch
    {
        SnapshotBegin<UpdaterEvent> b => new() { SnapshotBegin = Boundary(b.Position, b.ItemCount, b.Reason) },
        SnapshotItem<UpdaterEvent> i => new() { SnapshotItem = i.Item.ToProto() },
        SnapshotEnd<UpdaterEvent> e => new() { SnapshotEnd = Boundary(e.Position, 0, string.Empty) },
        LiveEvent<UpdaterEvent> l => new() { Event = new Wire.SequencedUpdaterEvent { Position = l.Position.ToProto(), Event = l.Item.ToProto() } },
        _ => throw new ArgumentOutOfRangeException(nameof(item), item.GetType().Name, null),
    };

    public static StreamItem<UpdaterEvent> ToDomain(this Wire.UpdaterStreamMessage message) => message.KindCase switch
    {
        Wire.UpdaterStreamMessage.KindOneofCase.SnapshotBegin => new SnapshotBegin<UpdaterEvent>(
            message.SnapshotBegin.Position.ToDomain(), ItemCount(message.SnapshotBegin), Bounds.Text(message.SnapshotBegin.Reason)),
        Wire.UpdaterStreamMessage.KindOneofCase.SnapshotItem => new SnapshotItem<UpdaterEvent>(message.SnapshotItem.ToDomain()),
        Wire.UpdaterStreamMessage.KindOneofCase.SnapshotEnd => new SnapshotEnd<UpdaterEvent>(message.SnapshotEnd.Position.ToDomain()),
        Wire.UpdaterStreamMessage.KindOneofCase.Event => new LiveEvent<UpdaterEvent>(
            message.Event.Position.ToDomain(), (message.Event.Event ?? throw new ContractDataException("updater event is empty")).ToDomain()),
        _ => throw new ContractDataException("updater stream message has no kind"),
    };

    /// <summary>Only announced; the subscriber still counts what really arrives.</summary>
    private static int ItemCount(Wire.SnapshotBoundary begin) =>
        begin.ItemCount <= int.MaxValue ? (int)begin.ItemCount : throw new ContractDataException($"snapshot item_count {begin.ItemCount} is out of range");

    private static Wire.SnapshotBoundary Boundary(StreamPosition position, int count, string reason) =>
        new() { Position = position.ToProto(), ItemCount = (uint)count, Reason = reason };
}
