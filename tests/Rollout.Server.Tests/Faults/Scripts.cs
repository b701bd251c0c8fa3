using Rollout.Contracts.Mapping;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Faults;

/// <summary>Upstream messages as a scheduler sends them, for scripting good and bad upstreams.</summary>
internal static class Scripts
{
    public static Wire.StreamPosition At(string epoch, ulong sequence) => new() { Epoch = epoch, Sequence = sequence };

    public static IEnumerable<Wire.UpdaterStreamMessage> UpdaterSnapshot(string epoch, ulong sequence, string reason, params UpdaterEvent[] items) =>
    [
        new() { SnapshotBegin = new Wire.SnapshotBoundary { Position = At(epoch, sequence), ItemCount = (uint)items.Length, Reason = reason } },
        .. items.Select(e => new Wire.UpdaterStreamMessage { SnapshotItem = e.ToProto() }),
        new() { SnapshotEnd = new Wire.SnapshotBoundary { Position = At(epoch, sequence), Reason = reason } },
    ];

    public static IEnumerable<Wire.StatusStreamMessage> StatusSnapshot(string epoch, ulong sequence, string reason, params TaskStatusUpdate[] items) =>
    [
        new() { SnapshotBegin = new Wire.SnapshotBoundary { Position = At(epoch, sequence), ItemCount = (uint)items.Length, Reason = reason } },
        .. items.Select(u => new Wire.StatusStreamMessage { SnapshotItem = u.ToProto() }),
        new() { SnapshotEnd = new Wire.SnapshotBoundary { Position = At(epoch, sequence), Reason = reason } },
    ];

    public static Wire.StatusStreamMessage Live(string epoch, ulong sequence, TaskStatusUpdate update) =>
        new() { Event = new Wire.StatusEvent { Position = At(epoch, sequence), Update = update.ToProto() } };

    public static Wire.UpdaterStreamMessage Live(string epoch, ulong sequence, UpdaterEvent e) =>
        new() { Event = new Wire.SequencedUpdaterEvent { Position = At(epoch, sequence), Event = e.ToProto() } };
}
