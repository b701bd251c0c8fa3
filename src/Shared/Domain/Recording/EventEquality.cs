using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Domain.Recording;

/// <summary>
/// Domain events equal by value. Records compare lists by reference, so an update's start (its
/// instance ranges, its settings' batch sizes) read back from a file would never equal the original;
/// here lists compare by their items.
/// </summary>
public static class EventEquality
{
    public static bool Same(UpdaterEvent a, UpdaterEvent b) => (a, b) switch
    {
        (UpdateStarted x, UpdateStarted y) => Same(x, y),
        _ => a.Equals(b),
    };

    public static bool Same(UpdateStarted a, UpdateStarted b) =>
        a.Update == b.Update && a.Timestamp == b.Timestamp && a.User == b.User && a.DetectionStrategy == b.DetectionStrategy
        && a.UnknownDetectionStrategy == b.UnknownDetectionStrategy
        && a.InitialConfig == b.InitialConfig && a.DesiredConfig == b.DesiredConfig
        && a.InitialInstances.SequenceEqual(b.InitialInstances) && a.DesiredInstances.SequenceEqual(b.DesiredInstances)
        && Same(a.Settings, b.Settings);

    public static bool Same(UpdateSettings a, UpdateSettings b) =>
        a.GroupSizes.SequenceEqual(b.GroupSizes) && a == (b with { GroupSizes = a.GroupSizes });

    /// <summary>A hash consistent with <see cref="Same(UpdaterEvent, UpdaterEvent)"/>: an update's start hashes without its lists.</summary>
    public static int HashOf(UpdaterEvent e) => e is UpdateStarted s
        ? HashCode.Combine(s.Update, s.Timestamp, s.User, s.DetectionStrategy, s.InitialInstances.Count, s.DesiredInstances.Count)
        : e.GetHashCode();
}
