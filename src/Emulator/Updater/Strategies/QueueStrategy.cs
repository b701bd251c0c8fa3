namespace Rollout.Emulator.Updater.Strategies;

/// <summary>Aurora's QueueStrategy: keeps up to maxActive instances in flight, topping up as each finishes.</summary>
public sealed class QueueStrategy(IComparer<int> ordering, int maxActive) : ActiveLimitedStrategy(ordering, maxActive)
{
    protected override int Candidates(int idleCount, int activeCount) => idleCount;
}
