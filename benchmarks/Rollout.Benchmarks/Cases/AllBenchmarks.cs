using Rollout.Benchmarks.Harness;

namespace Rollout.Benchmarks.Cases;

/// <summary>The suite, in the order it runs. A new benchmark is one more class and one more line here.</summary>
internal static class AllBenchmarks
{
    public static IReadOnlyList<IBenchmark> Create(BenchmarkSettings settings) =>
    [
        new IngestBenchmark(),
        new FoldAllocationBenchmark(),
        new ServerMemoryBenchmark(),
        new TradeOffBenchmark(settings.TradeOffSizes),
        new EmulatorThroughputBenchmark(),
        new EmulatorStreamBenchmark(),
        new SnapshotBenchmark(),
        new InsightBenchmark(),
        new FanoutBenchmark(),
        new DeltaBytesBenchmark(),
        new BrowserBenchmark(),
    ];
}
