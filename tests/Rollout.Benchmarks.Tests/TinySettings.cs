using Rollout.Benchmarks.Harness;

namespace Rollout.Benchmarks.Tests;

internal static class TinySettings
{
    /// <summary>Every benchmark, at sizes that take a second or two in all.</summary>
    public static readonly BenchmarkSettings Value = new()
    {
        IngestInstances = 20,
        WarmupRounds = 1,
        IngestRounds = 2,
        FoldInstances = 20,
        FoldRounds = 1,
        MemoryInstances = 50,
        TradeOffSizes = [10],
        RoundTimeout = TimeSpan.FromSeconds(30),
    };
}
