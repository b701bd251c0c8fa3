namespace Rollout.Domain.Insight;

/// <summary>Where one instance is in its update; the byte is the code a timeline's arrays carry.</summary>
public enum InstancePhase : byte
{
    /// <summary>Not touched by the updater yet.</summary>
    Waiting = 0,

    /// <summary>The updater is killing the instance's old task.</summary>
    Killing = 1,

    /// <summary>The new task is PENDING or ASSIGNED (or the old one is gone and the new one not yet there).</summary>
    Pending = 2,

    /// <summary>The new task is STARTING and has reported no health check yet.</summary>
    Starting = 3,

    /// <summary>STARTING with health checks reported; a segment's detail is the attempts used so far.</summary>
    HealthChecking = 4,

    /// <summary>RUNNING but not yet counted as updated: the watch_secs wait (health-gated instances pass at once).</summary>
    Watching = 5,

    /// <summary>Counted as updated (INSTANCE_UPDATED).</summary>
    Updated = 6,

    /// <summary>The new task died on its own and is being rescheduled; a segment's detail is the failures so far.</summary>
    Restarting = 7,

    /// <summary>The instance failed (INSTANCE_UPDATE_FAILED or INSTANCE_ROLLBACK_FAILED).</summary>
    Failed = 8,

    /// <summary>Being rolled back; a segment's detail is the rollback task's own phase code (Killing..Restarting).</summary>
    RollingBack = 9,

    /// <summary>Rolled back (INSTANCE_ROLLED_BACK).</summary>
    RolledBack = 10,
}

public static class InstancePhases
{
    /// <summary>How many phase codes there are: the stride of a lane's count arrays.</summary>
    public const int Count = 11;

    public static string DisplayName(this InstancePhase phase) => phase switch
    {
        InstancePhase.Waiting => "waiting",
        InstancePhase.Killing => "killing old task",
        InstancePhase.Pending => "pending",
        InstancePhase.Starting => "starting",
        InstancePhase.HealthChecking => "health checking",
        InstancePhase.Watching => "running (watch_secs)",
        InstancePhase.Updated => "updated",
        InstancePhase.Restarting => "restarting",
        InstancePhase.Failed => "failed",
        InstancePhase.RollingBack => "rolling back",
        InstancePhase.RolledBack => "rolled back",
        _ => "unknown",
    };

    /// <summary>True for phases the updater is still working on (the instance is in flight).</summary>
    public static bool IsInFlight(this InstancePhase phase) =>
        phase is InstancePhase.Killing or InstancePhase.Pending or InstancePhase.Starting or InstancePhase.HealthChecking
            or InstancePhase.Watching or InstancePhase.Restarting or InstancePhase.RollingBack;
}
