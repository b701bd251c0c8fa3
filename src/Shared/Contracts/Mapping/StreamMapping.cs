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
        Wire.StatusStreamMessage.KindOneofCase.Event => message.Event.ToDomain(),
        Wire.StatusStreamMessage.KindOneofCase.Events => throw new ContractDataException("a batch of status events is read event by event"),
        _ => throw new ContractDataException("status stream message has no kind"),
    };

    public static LiveEvent<TaskStatusUpdate> ToDomain(this Wire.StatusEvent e) =>
        new(e.Position.ToDomain(), (e.Update ?? throw new ContractDataException("status event has no update")).ToDomain());

    /// <summary>Consecutive live events as one message, for a subscriber that reads batches.</summary>
    public static Wire.StatusStreamMessage ToProtoBatch(this IEnumerable<LiveEvent<TaskStatusUpdate>> events)
    {
        var batch = new Wire.StatusEventBatch();
        foreach (var l in events) batch.Events.Add(new Wire.StatusEvent { Position = l.Position.ToProto(), Update = l.Item.ToProto() });
        return new Wire.StatusStreamMessage { Events = batch };
    }

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
        Wire.UpdaterStreamMessage.KindOneofCase.Event => message.Event.ToDomain(),
        Wire.UpdaterStreamMessage.KindOneofCase.Events => throw new ContractDataException("a batch of updater events is read event by event"),
        _ => throw new ContractDataException("updater stream message has no kind"),
    };

    public static LiveEvent<UpdaterEvent> ToDomain(this Wire.SequencedUpdaterEvent e) =>
        new(e.Position.ToDomain(), (e.Event ?? throw new ContractDataException("updater event is empty")).ToDomain());

    /// <summary>Consecutive live events as one message, for a subscriber that reads batches.</summary>
    public static Wire.UpdaterStreamMessage ToProtoBatch(this IEnumerable<LiveEvent<UpdaterEvent>> events)
    {
        var batch = new Wire.UpdaterEventBatch();
        foreach (var l in events) batch.Events.Add(new Wire.SequencedUpdaterEvent { Position = l.Position.ToProto(), Event = l.Item.ToProto() });
        return new Wire.UpdaterStreamMessage { Events = batch };
    }

    /// <summary>Only announced; the subscriber still counts what really arrives.</summary>
    private static int ItemCount(Wire.SnapshotBoundary begin) =>
        begin.ItemCount <= int.MaxValue ? (int)begin.ItemCount : throw new ContractDataException($"snapshot item_count {begin.ItemCount} is out of range");

    private static Wire.SnapshotBoundary Boundary(StreamPosition position, int count, string reason) =>
        new() { Position = position.ToProto(), ItemCount = (uint)count, Reason = reason };
}
