namespace Rollout.Emulator.Updater.Strategies;

/// <summary>
/// Aurora's UpdateStrategy: which idle instances to start next. The updater only ever takes idle instances
/// from the front of the ordered idle list, so the core answer is a count (<see cref="GroupSize"/>);
/// <see cref="NextGroup"/> is Aurora's getNextGroup on top of it.
/// </summary>
public abstract class UpdateStrategy
{
    protected UpdateStrategy(IComparer<int> ordering)
    {
        ArgumentNullException.ThrowIfNull(ordering);
        Ordering = ordering;
    }

    /// <summary>The order idle instances are taken in.</summary>
    public IComparer<int> Ordering { get; }

    /// <summary>How many of the idle instances, in <see cref="Ordering"/>, to start now (0 to idleCount).</summary>
    public int GroupSize(int idleCount, int activeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(idleCount);
        ArgumentOutOfRangeException.ThrowIfNegative(activeCount);
        return Math.Clamp(Size(idleCount, activeCount), 0, idleCount);
    }

    /// <summary>Aurora's getNextGroup: the first <see cref="GroupSize"/> idle instances in <see cref="Ordering"/>.</summary>
    public IReadOnlyList<int> NextGroup(IReadOnlyCollection<int> idle, IReadOnlyCollection<int> active)
    {
        ArgumentNullException.ThrowIfNull(idle);
        ArgumentNullException.ThrowIfNull(active);
        var count = GroupSize(idle.Count, active.Count);
        if (count == 0) return [];
        return Sort(idle)[..count];
    }

    /// <summary>The ids in <see cref="Ordering"/>.</summary>
    public int[] Sort(IEnumerable<int> ids)
    {
        if (Ordering is InstanceOrdering known) return known.Sort(ids);
        var sorted = ids.ToArray();
        Array.Sort(sorted, Ordering);
        return sorted;
    }

    /// <summary>The strategy's group size; the caller clamps it to [0, idleCount].</summary>
    protected abstract int Size(int idleCount, int activeCount);
}
