using System.Collections.Immutable;
using Rollout.Domain.Capabilities;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Server.Tests.Properties;

/// <summary>Which executor runs a task: it decides what the task says on its way to RUNNING.</summary>
internal enum Executor
{
    /// <summary>Holds STARTING while it checks health, reporting progress, then "Task is healthy." with capabilities.</summary>
    Current,

    /// <summary>RUNNING as soon as the process starts.</summary>
    Previous,

    /// <summary>A current executor for a task with no health check.</summary>
    NoHealthCheck,
}

/// <summary>One instance's current task as the upstream knows it.</summary>
internal sealed record TaskLife(string TaskId, TaskState? State, Executor Executor, int Serial, int Checks)
{
    public static TaskLife None(int instance) => new(string.Empty, null, Executor.Current, 0, 0);

    public bool Active => State is { } s && !s.IsTerminal();
}

/// <summary>
/// The status side of the upstream: each instance's tasks go through realistic lives (PENDING,
/// ASSIGNED, STARTING with health-check progress, RUNNING with the executor's message and
/// capabilities, KILLING, and an end). Immutable, so a restart can go back to any earlier state.
/// </summary>
internal sealed record TaskLives(ImmutableArray<TaskLife> Instances)
{
    public const int InstanceCount = 4;
    private const int RequiredChecks = 2;

    public static TaskLives Initial { get; } = new([.. Enumerable.Range(0, InstanceCount).Select(TaskLife.None)]);

    public string CurrentTask(int instance) => Instances[instance].State is null ? string.Empty : Instances[instance].TaskId;

    /// <summary>The instance's next event, and the lives after it.</summary>
    public (TaskLives Next, TaskStatusUpdate Event) Advance(JobKey job, int instance, int choice, DateTimeOffset at)
    {
        var life = Instances[instance];
        var (state, message, progress, checks) = life.State switch
        {
            null or TaskState.Killed or TaskState.Finished or TaskState.Failed or TaskState.Lost => (TaskState.Pending, string.Empty, (HealthCheckProgress?)null, 0),
            TaskState.Pending => (TaskState.Assigned, string.Empty, null, 0),
            TaskState.Assigned => (TaskState.Starting, string.Empty, null, 0),
            TaskState.Starting => Starting(life, choice),
            TaskState.Running => choice % 3 == 0 ? (TaskState.Lost, "Agent lost", null, life.Checks) : (TaskState.Killing, "Killed for the update", null, life.Checks),
            _ => (TaskState.Killed, "Task killed", null, life.Checks),
        };
        if (state == TaskState.Pending)
        {
            var serial = life.State is null ? 0 : life.Serial + 1;
            life = new TaskLife($"{job.Name}-{instance}-{serial}", null, (Executor)(choice % 3), serial, 0);
        }

        return Emit(job, instance, life with { State = state, Checks = checks }, message, progress, at);
    }

    /// <summary>A kill: an active task goes KILLING (then KILLED on its next step); otherwise its next step.</summary>
    public (TaskLives Next, TaskStatusUpdate Event) Kill(JobKey job, int instance, int choice, DateTimeOffset at)
    {
        var life = Instances[instance];
        return life.Active && life.State != TaskState.Killing
            ? Emit(job, instance, life with { State = TaskState.Killing }, "Killed by the operator", null, at)
            : Advance(job, instance, choice, at);
    }

    private static (TaskState, string, HealthCheckProgress?, int) Starting(TaskLife life, int choice) => life.Executor switch
    {
        Executor.Current when choice % 7 == 6 => (TaskState.Failed, ExecutorMessages.FailedHealthCheckPrefix + "connection refused", Progress(life.Checks + 1, failed: true), life.Checks + 1),
        Executor.Current when life.Checks < RequiredChecks => (TaskState.Starting, string.Empty, Progress(life.Checks + 1, failed: false), life.Checks + 1),
        Executor.Current => (TaskState.Running,
            $"{ExecutorMessages.TaskIsHealthy} {CapabilityParser.Prefix}{ExecutorCapabilities.HealthGatedRunning},{ExecutorCapabilities.HealthCheckProgress}{(choice % 2 == 0 ? ",WARP_DRIVE" : "")}",
            Progress(life.Checks, failed: false), life.Checks),
        Executor.NoHealthCheck => (TaskState.Running, ExecutorMessages.NoHealthCheckDefined, null, 0),
        _ => (TaskState.Running, string.Empty, null, 0),
    };

    private static HealthCheckProgress Progress(int attempts, bool failed) =>
        new(failed ? 0 : Math.Min(attempts, RequiredChecks), failed ? 1 : 0, attempts, 5, RequiredChecks, 1);

    private (TaskLives, TaskStatusUpdate) Emit(JobKey job, int instance, TaskLife life, string message, HealthCheckProgress? progress, DateTimeOffset at)
    {
        var source = life.State switch
        {
            TaskState.Pending or TaskState.Assigned or TaskState.Killing => StatusSource.Scheduler,
            TaskState.Lost => StatusSource.Master,
            _ => StatusSource.Executor,
        };
        var update = new TaskStatusUpdate(life.TaskId, job, instance, life.State!.Value, message, at, source, $"host-{instance}-{life.Serial % 2}", progress);
        return (new TaskLives(Instances.SetItem(instance, life)), update);
    }
}
