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
public sealed record TaskStatusUpdate(
    string TaskId,
    JobKey Job,
    int InstanceId,
    TaskState State,
    string Message,
    DateTimeOffset Timestamp,
    StatusSource Source,
    string Host,
    HealthCheckProgress? HealthCheck = null);
