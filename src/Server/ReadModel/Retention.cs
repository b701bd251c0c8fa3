using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>Keeps history bounded: finished updates beyond a count or an instance budget are dropped, oldest first.</summary>
internal static class Retention
{
    /// <summary>Finished updates kept; older ones are dropped (and browsers told).</summary>
    public const int FinishedUpdates = 100;

    /// <summary>Instances of finished updates kept in all: a hundred runs of a 10,000-instance job would otherwise stay in memory.</summary>
    public const int FinishedInstances = 100_000;

    public static void Apply(UpdateFold fold)
    {
        // Ranked by the latest change, so the update that just finished is the last to go; it is never
        // dropped, even when it alone is over the instance budget.
        var finished = fold.Updates.Values.Where(u => u.Status.IsTerminal()).OrderBy(u => u.LastModified).ToList();
        var instances = finished.Sum(u => (long)u.InstanceIds.Length);
        var count = finished.Count;
        foreach (var old in finished.Take(finished.Count - 1))
        {
            if (count <= FinishedUpdates && instances <= FinishedInstances) break;
            fold.Remove(old);
            count--;
            instances -= old.InstanceIds.Length;
        }
    }
}
