using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Cluster;
using Rollout.Emulator.Executors;

namespace Rollout.Emulator.Engine;

/// <summary>One task: a process of one instance, run by one executor on one host.</summary>
internal sealed class SimTask(string id, JobKey job, int instanceId, TaskSpec spec)
{
    /// <summary>Per-task history is bounded: the first update and the most recent ones are kept.</summary>
    public const int MaxHistory = 64;

    public string Id { get; } = id;

    public JobKey Job { get; } = job;

    public int InstanceId { get; } = instanceId;

    public TaskSpec Spec { get; } = spec;

    public string Host { get; set; } = string.Empty;

    public ExecutorVersion Executor { get; set; } = ExecutorVersion.Unknown;

    public TaskState State { get; set; } = TaskState.Pending;

    public bool KillRequested { get; set; }

    public HealthChecker? Checker { get; set; }

    public DateTimeOffset ProcessStartedAt { get; set; }

    public double HealthyAfterSecs { get; set; }

    public List<TaskStatusUpdate> History { get; } = [];

    public DateTimeOffset LatestEventAt => History.Count == 0 ? DateTimeOffset.MinValue : History[^1].Timestamp;

    public void Record(TaskStatusUpdate update)
    {
        if (History.Count == MaxHistory) History.RemoveAt(1);
        History.Add(update);
    }
}

/// <summary>One instance of a job: its current task, the one before, and what to launch next.</summary>
internal sealed class InstanceSlot(int id)
{
    public int Id { get; } = id;

    public SimTask? Task { get; set; }

    public SimTask? Previous { get; set; }

    /// <summary>Launched once the current task has been killed.</summary>
    public TaskSpec? LaunchAfterKill { get; set; }

    /// <summary>The spec the instance should run when nothing steers it; restarts use it.</summary>
    public TaskSpec? Spec { get; set; }
}

internal sealed class JobState(JobKey key, HostPool pool)
{
    public JobKey Key { get; } = key;

    public HostPool Pool { get; } = pool;

    public SortedDictionary<int, InstanceSlot> Slots { get; } = [];

    public UpdateRun? ActiveUpdate { get; set; }

    public int TaskCounter { get; set; }
}
