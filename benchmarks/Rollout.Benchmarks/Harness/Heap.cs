namespace Rollout.Benchmarks.Harness;

internal static class Heap
{
    /// <summary>Collects everything collectable, so the garbage of one round is not paid for by the next.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
