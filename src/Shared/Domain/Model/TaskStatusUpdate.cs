namespace Rollout.Domain.Model;

/// <summary>Who produced a status update.</summary>
public enum StatusSource
{
    Unknown,
    Executor,
    Agent,
    Master,
    Scheduler,
}

/// <summary>One task status update as the scheduler saw it.</summary>
/// <param name="UnknownState">The wire number when <paramref name="State"/> is <see cref="TaskState.Unknown"/>; otherwise null.</param>
public sealed record TaskStatusUpdate(
    string TaskId,
    JobKey Job,
    int InstanceId,
    TaskState State,
    string Message,
    DateTimeOffset Timestamp,
    StatusSource Source,
    string Host,
    HealthCheckProgress? HealthCheck = null,
    int? UnknownState = null)
{
    /// <summary>Whether the state is one this build knows: only such events say what state the instance is in.</summary>
    public bool HasKnownState() => State != TaskState.Unknown;

    /// <summary>The state's wire name, or "UNKNOWN(17)".</summary>
    public string StateName() => State.DisplayName(UnknownState);
}
