namespace Rollout.Benchmarks.Harness;

/// <summary>Sizes and rounds of one run: full by default, smaller with --quick, tiny in tests.</summary>
internal sealed record BenchmarkSettings
{
    public bool Quick { get; init; }

    /// <summary>Instances of the one job the firehose rolls; each yields <see cref="ProgressUpdates"/> + 4 status events.</summary>
    public int IngestInstances { get; init; } = 10_000;

    /// <summary>STARTING events carrying health-check progress per instance, before RUNNING.</summary>
    public int ProgressUpdates { get; init; } = 3;

    /// <summary>Unmeasured rounds first: per-round speed keeps climbing until the JIT has optimised both paths.</summary>
    public int WarmupRounds { get; init; } = 3;

    /// <summary>Rounds of each ingest path; the median is reported.</summary>
    public int IngestRounds { get; init; } = 9;

    public int FoldInstances { get; init; } = 10_000;

    public int FoldRounds { get; init; } = 5;

    /// <summary>The memory figure is defined for one 10,000-instance update; only tests shrink it.</summary>
    public int MemoryInstances { get; init; } = 10_000;

    /// <summary>Rollout sizes for the trade-off, each naming its keys. Even --quick keeps all four: the largest takes about a minute.</summary>
    public IReadOnlyList<int> TradeOffSizes { get; init; } = [10, 100, 1_000, 10_000];

    /// <summary>Instances of the job the emulator throughput case rolls in batches of 500; the key says nothing of size, --quick shrinks it.</summary>
    public int EmulatorInstances { get; init; } = 10_000;

    /// <summary>Measured rounds of the emulator case (after <see cref="WarmupRounds"/>), each both rollouts and the append floor; the median is reported.</summary>
    public int EmulatorRounds { get; init; } = 5;

    /// <summary>SignalR clients watching one update while it changes; <see cref="SlowClientFraction"/> of them are replaced by stuck ones in the second phase.</summary>
    public int FanoutClients { get; init; } = 500;

    /// <summary>Instances of the watched update; each change touches the next one, so none changes twice within a flush.</summary>
    public int FanoutInstances { get; init; } = 1_000;

    public int FanoutChangesPerSec { get; init; } = 1_000;

    /// <summary>How long changes are driven with and (in two halves, before and after) without stuck clients.</summary>
    public TimeSpan FanoutPhase { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Changes driven before anything is measured: tiered JIT takes seconds to optimize the hot paths.</summary>
    public TimeSpan FanoutWarmup { get; init; } = TimeSpan.FromSeconds(10);

    public double SlowClientFraction { get; init; } = 0.1;

    /// <summary>Instances of the large-job update whose snapshot is measured; the keys say 10k, only tests shrink it.</summary>
    public int SnapshotInstances { get; init; } = 10_000;

    /// <summary>Updates in the list whose snapshot is measured.</summary>
    public int ListUpdates { get; init; } = 100;

    /// <summary>Rounds of decoding the snapshot with each protocol; the median is reported.</summary>
    public int DecodeRounds { get; init; } = 9;

    /// <summary>The emulator scenario (a built-in name or a .json path) whose first update the delta viewers watch.</summary>
    public string DeltaScenario { get; init; } = "large-job";

    public double DeltaSpeed { get; init; } = 4;

    /// <summary>The longest the delta viewers watch: the whole large-job rollout at speed 4 takes about 100 s.</summary>
    public TimeSpan DeltaWindowCap { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>Any one ingest round that takes longer than this has hung.</summary>
    public TimeSpan RoundTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public static BenchmarkSettings Full { get; } = new();

    public static BenchmarkSettings QuickRun { get; } = new()
    {
        Quick = true,
        IngestInstances = 5_000,
        WarmupRounds = 3,
        IngestRounds = 5,
        FoldInstances = 5_000,
        FoldRounds = 3,
        EmulatorInstances = 2_000,
        EmulatorRounds = 3,
        DecodeRounds = 5,
        DeltaWindowCap = TimeSpan.FromSeconds(60),
    };
}
