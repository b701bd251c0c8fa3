namespace Rollout.Emulator.Engine;

/// <summary>Limits and identity of one engine run.</summary>
public sealed record EngineOptions
{
    /// <summary>Seeds every random draw: the same seed and scenario give the same event log.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Events each stream keeps for resuming subscribers.</summary>
    public int RetainedEvents { get; init; } = 250_000;

    /// <summary>Finished updates kept for queries and snapshots.</summary>
    public int RetainedFinishedUpdates { get; init; } = 100;

    /// <summary>Users allowed to steer updates; empty allows anyone with a name.</summary>
    public IReadOnlyList<string> AllowedOperators { get; init; } = [];

    /// <summary>Delay before the scheduler restarts a failed task.</summary>
    public double RestartDelaySecs { get; init; } = 5;
}
