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
        EmulatorInstances = 50,
        EmulatorRounds = 1,
        FanoutClients = 4,
        FanoutInstances = 20,
        FanoutChangesPerSec = 100,
        FanoutPhase = TimeSpan.FromSeconds(1),
        FanoutWarmup = TimeSpan.FromSeconds(0.5),
        SnapshotInstances = 60,
        ListUpdates = 5,
        DecodeRounds = 1,
        DeltaScenario = Path.Combine(AppContext.BaseDirectory, "tiny-rollout.json"),
        DeltaSpeed = 10,
        DeltaWindowCap = TimeSpan.FromSeconds(30),
        RoundTimeout = TimeSpan.FromSeconds(30),
    };
}
