using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>The sizes of the batches an update has yet to start, as its strategy will cut them.</summary>
internal static class BatchPlan
{
    public static List<int> Sizes(FoldState state, bool backward, int notStarted)
    {
        var sizes = new List<int>();
        if (notStarted <= 0) return sizes;
        var settings = state.Settings;
        if (backward)
        {
            // A rollback undoes the forward batches last to first; what it has started comes off the front.
            var skip = state.BackStarted;
            for (var b = state.Batches.Count - 1; b >= 0 && notStarted > 0; b--)
            {
                var batch = state.Batches[b];
                if (batch.Backward) continue;
                var size = batch.Members.Count;
                if (skip >= size)
                {
                    skip -= size;
                    continue;
                }

                size -= skip;
                skip = 0;
                Take(sizes, size, ref notStarted);
            }

            // Anything left (a log that missed forward batches) goes in groups of the plain size.
            while (notStarted > 0) Take(sizes, Math.Max(1, settings.GroupSize), ref notStarted);
            return sizes;
        }

        var modified = state.ForwardStarted;
        while (notStarted > 0)
        {
            var size = settings.Strategy == UpdateStrategyKind.VariableBatch ? ForwardGroupSize(settings.GroupSizes, modified) : settings.GroupSize;
            size = Math.Max(1, size);
            modified += Math.Min(size, notStarted);
            Take(sizes, size, ref notStarted);
        }

        return sizes;
    }

    /// <summary>Aurora's VariableBatchStrategy: the size of the group the modified count falls in; past the sum, the last size.</summary>
    public static int ForwardGroupSize(IReadOnlyList<int> groupSizes, int modified)
    {
        if (groupSizes.Count == 0) return 1;
        long sum = 0;
        foreach (var size in groupSizes)
        {
            sum += size;
            if (sum > modified) return size;
        }

        return groupSizes[^1];
    }

    private static void Take(List<int> sizes, int size, ref int notStarted)
    {
        var take = Math.Min(size, notStarted);
        sizes.Add(take);
        notStarted -= take;
    }
}
