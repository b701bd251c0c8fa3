using Rollout.Domain.Model;

namespace Rollout.Emulator.Engine;

/// <summary>
/// The order an update touches instances in: groups, and how many groups may be in flight at once.
/// Queue: groups of one, groupSize in flight. Batch: groups of groupSize, one at a time.
/// Variable batch: groups of groupSizes[i] (the last size repeats), one at a time.
/// </summary>
internal sealed record UpdatePlan(IReadOnlyList<IReadOnlyList<int>> Groups, int GroupsInFlight)
{
    public static UpdatePlan Forward(UpdateSettings settings, IReadOnlyList<int> instances)
    {
        var groups = new List<IReadOnlyList<int>>();
        switch (settings.Strategy)
        {
            case UpdateStrategyKind.Queue:
                groups.AddRange(instances.Select(i => (IReadOnlyList<int>)[i]));
                return new UpdatePlan(groups, Math.Max(1, settings.GroupSize));
            case UpdateStrategyKind.Batch:
                groups.AddRange(instances.Chunk(Math.Max(1, settings.GroupSize)));
                return new UpdatePlan(groups, 1);
            default:
                var index = 0;
                for (var batch = 0; index < instances.Count; batch++)
                {
                    var size = settings.GroupSizes.Count == 0 ? 1 : settings.GroupSizes[Math.Min(batch, settings.GroupSizes.Count - 1)];
                    groups.Add(instances.Skip(index).Take(Math.Max(1, size)).ToArray());
                    index += Math.Max(1, size);
                }

                return new UpdatePlan(groups, 1);
        }
    }

    /// <summary>Rollback walks the touched part of the forward plan backwards, group by group.</summary>
    public UpdatePlan Reverse(IReadOnlySet<int> touched)
    {
        var groups = Groups
            .Select(g => (IReadOnlyList<int>)g.Where(touched.Contains).Reverse().ToArray())
            .Where(g => g.Count > 0)
            .Reverse()
            .ToArray();
        return this with { Groups = groups };
    }
}
