namespace Rollout.Emulator.Updater.Strategies;

/// <summary>Aurora's BatchStrategy: starts up to maxActive instances, and only once the previous batch is done.</summary>
public sealed class BatchStrategy(IComparer<int> ordering, int maxActive) : ActiveLimitedStrategy(ordering, maxActive)
{
    protected override int Candidates(int idleCount, int activeCount) => activeCount == 0 ? idleCount : 0;
}
