namespace Rollout.Domain.Gating;

public enum GatingMode
{
    /// <summary>The evidence that decides has not arrived yet.</summary>
    Undetermined,

    /// <summary>RUNNING means healthy: watch_secs is skipped.</summary>
    HealthGated,

    /// <summary>The instance must stay RUNNING for watch_secs.</summary>
    WatchSecs,
}

public static class GatingModes
{
    /// <summary>The public spelling: HEALTH_GATED, WATCH_SECS, UNDETERMINED.</summary>
    public static string WireName(this GatingMode mode) => mode switch
    {
        GatingMode.HealthGated => "HEALTH_GATED",
        GatingMode.WatchSecs => "WATCH_SECS",
        _ => "UNDETERMINED",
    };
}

/// <summary>What the updater itself said it would do for one instance.</summary>
public sealed record UpdaterGatingDecision(
    GatingMode Mode,
    string Reason,
    DateTimeOffset DecidedAt,
    DateTimeOffset? WatchDeadline);
