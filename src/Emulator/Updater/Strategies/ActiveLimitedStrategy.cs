namespace Rollout.Emulator.Updater.Strategies;

/// <summary>Aurora's ActiveLimitedStrategy: never more than <see cref="MaxActive"/> instances in flight.</summary>
public abstract class ActiveLimitedStrategy : UpdateStrategy
{
    protected ActiveLimitedStrategy(IComparer<int> ordering, int maxActive)
        : base(ordering)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxActive, 1);
        MaxActive = maxActive;
    }

    public int MaxActive { get; }

    protected sealed override int Size(int idleCount, int activeCount) =>
        Math.Min(Candidates(idleCount, activeCount), Math.Max(0, MaxActive - activeCount));

    /// <summary>How many idle instances the subclass offers before the active limit applies.</summary>
    protected abstract int Candidates(int idleCount, int activeCount);
}
