namespace Rollout.Benchmarks.Harness;

/// <summary>Sizes and rounds of one run: full by default, smaller with --quick, tiny in tests.</summary>
internal sealed record BenchmarkSettings
{
    public bool Quick { get; init; }

    /// <summary>Instances of the one job the firehose rolls; each yields <see cref="ProgressUpdates"/> + 4 status events.</summary>
    public int IngestInstances { get; init; } = 10_000;

    /// <summary>STARTING events carrying health-check progress per instance, before RUNNING.</summary>
    public int ProgressUpdates { get; init; } = 3;

    public int WarmupRounds { get; init; } = 2;

    /// <summary>Rounds of each ingest path; the median is reported.</summary>
    public int IngestRounds { get; init; } = 9;

    public int FoldInstances { get; init; } = 10_000;

    public int FoldRounds { get; init; } = 5;

    /// <summary>The memory figure is defined for one 10,000-instance update; only tests shrink it.</summary>
    public int MemoryInstances { get; init; } = 10_000;

    /// <summary>Rollout sizes for the trade-off, each naming its keys. Even --quick keeps all four: the largest takes about a minute.</summary>
    public IReadOnlyList<int> TradeOffSizes { get; init; } = [10, 100, 1_000, 10_000];

    /// <summary>Any one ingest round that takes longer than this has hung.</summary>
    public TimeSpan RoundTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public static BenchmarkSettings Full { get; } = new();

    public static BenchmarkSettings QuickRun { get; } = new()
    {
        Quick = true,
        IngestInstances = 5_000,
        WarmupRounds = 1,
        IngestRounds = 5,
        FoldInstances = 5_000,
        FoldRounds = 3,
    };
}
