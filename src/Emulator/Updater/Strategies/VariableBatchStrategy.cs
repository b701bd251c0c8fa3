namespace Rollout.Emulator.Updater.Strategies;

/// <summary>
/// Aurora's VariableBatchStrategy: batches, one at a time, whose sizes follow <see cref="GroupSizes"/> (the last
/// size repeats). Stateful: the idle count at the first call is taken as the number of instances the update
/// will modify, and progress is read from how many remain idle. Rolling back walks the sizes in reverse from
/// the number still to revert, so a rollback undoes the forward batches last to first.
/// </summary>
public sealed class VariableBatchStrategy : UpdateStrategy
{
    private readonly int[] _groupSizes;

    public VariableBatchStrategy(IComparer<int> ordering, IReadOnlyList<int> groupSizes, bool rollingForward)
        : base(ordering)
    {
        ArgumentNullException.ThrowIfNull(groupSizes);
        if (groupSizes.Count == 0) throw new ArgumentException("at least one group size is required", nameof(groupSizes));
        if (groupSizes.Any(size => size < 1)) throw new ArgumentException("group sizes must be positive", nameof(groupSizes));
        _groupSizes = [.. groupSizes];
        RollingForward = rollingForward;
    }

    public IReadOnlyList<int> GroupSizes => _groupSizes;

    public bool RollingForward { get; }

    /// <summary>The idle count seen by the first call; null until then.</summary>
    public int? TotalCount { get; private set; }

    protected override int Size(int idleCount, int activeCount)
    {
        TotalCount ??= idleCount;
        return activeCount == 0 ? CurrentGroupSize(idleCount) : 0;
    }

    private int CurrentGroupSize(int remaining) =>
        RollingForward ? ForwardGroupSize(TotalCount!.Value - remaining) : BackwardGroupSize(remaining);

    /// <summary>The size of the group the modified count falls in; past the sum of all sizes, the last size.</summary>
    private int ForwardGroupSize(int modified)
    {
        long sum = 0;
        foreach (var size in _groupSizes)
        {
            sum += size;
            if (sum > modified) return size;
        }

        return _groupSizes[^1];
    }

    /// <summary>
    /// The size of the last forward group still to revert. Remaining instances are what rolling forward
    /// modified; peel the sizes off from the first, and what is left over is the last (possibly partial) group.
    /// </summary>
    private int BackwardGroupSize(int remaining)
    {
        var left = remaining;
        foreach (var size in _groupSizes)
        {
            if (left <= size) return left;
            left -= size;
        }

        var last = _groupSizes[^1];
        var partial = left % last;
        return partial == 0 ? last : partial;
    }
}
