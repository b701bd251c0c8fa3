using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>
/// Which events of a same-epoch updater snapshot still need folding over the state held. The fold is
/// idempotent for most events, but an update's start holds lists (compared by reference) and its
/// history is bounded: folding those again would write the start into the tail twice, or bring back
/// status changes the history already let go.
/// </summary>
internal static class SnapshotMerge
{
    public static bool Needed(UpdateFold fold, UpdaterEvent e) => e switch
    {
        UpdateStarted started => !(fold.Updates.TryGetValue(started.Update, out var held) && held.Started is { } was && Same(was, started)),
        UpdateStatusChanged change => !(fold.Updates.TryGetValue(change.Update, out var held)
            && held.History.Count >= DashboardStore.MaxHistory && change.Timestamp < held.History[0].Timestamp),
        _ => true,
    };

    /// <summary>Equal by value, lists included.</summary>
    public static bool Same(UpdateStarted a, UpdateStarted b) =>
        a.Update == b.Update && a.Timestamp == b.Timestamp && a.User == b.User && a.DetectionStrategy == b.DetectionStrategy
        && a.InitialConfig == b.InitialConfig && a.DesiredConfig == b.DesiredConfig
        && a.InitialInstances.SequenceEqual(b.InitialInstances) && a.DesiredInstances.SequenceEqual(b.DesiredInstances)
        && Same(a.Settings, b.Settings);

    private static bool Same(UpdateSettings a, UpdateSettings b) =>
        a.GroupSizes.SequenceEqual(b.GroupSizes) && a == (b with { GroupSizes = a.GroupSizes });
}
