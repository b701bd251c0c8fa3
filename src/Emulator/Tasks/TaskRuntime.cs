using Rollout.Domain.Model;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Cluster;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Events;

namespace Rollout.Emulator.Tasks;

/// <summary>
/// The scheduler's task layer: jobs, their instances' tasks, placement, kills and restarts, and the
/// executors that run the tasks (see the Executors partial). It knows nothing of updates: every state
/// change is logged and queued in <see cref="Changes"/> for the updater, which drains the queue after
/// each agenda step.
/// </summary>
internal sealed partial class TaskRuntime(Agenda agenda, Random random, EventLog<TaskStatusUpdate> log, EngineOptions options)
{
    public Dictionary<string, HostPool> Pools { get; } = [];

    public Dictionary<JobKey, JobState> Jobs { get; } = [];

    public Queue<TaskChange> Changes { get; } = new();

    public HostPool PoolOf(string pool) =>
        Pools.TryGetValue(pool, out var hosts) ? hosts : throw new ArgumentException($"host pool {pool} does not exist", nameof(pool));

    /// <summary>Creates a job whose instances already run <paramref name="spec"/>.</summary>
    public void CreateJob(JobKey key, int instances, TaskSpec spec, string pool)
    {
        if (Jobs.ContainsKey(key)) throw new InvalidOperationException($"job {key} already exists");
        var job = new JobState(key, PoolOf(pool));
        Jobs[key] = job;
        for (var i = 0; i < instances; i++)
        {
            var task = NewTask(job, i, spec);
            Place(job, task);
            Publish(job, task, TaskState.Running, RunningMessage(task), StatusSource.Executor);
        }
    }

    /// <summary>The scheduler adds a task for the instance: PENDING now, then placed and started.</summary>
    public void Launch(JobState job, int instanceId, TaskSpec spec) => Launch(job, instanceId, spec, AssignSecs);

    /// <summary>The scheduler kills a task: KILLING at once, KILLED once the executor has stopped it.</summary>
    public void Kill(JobState job, SimTask task, string message)
    {
        if (task.State.IsTerminal() || task.KillRequested) return;
        task.KillRequested = true;
        Publish(job, task, TaskState.Killing, message, StatusSource.Scheduler);
        agenda.AfterSecs(task.Spec.App.KillSecs, () =>
        {
            if (task.State.IsTerminal()) return;
            Publish(job, task, TaskState.Killed, "Task killed.", StatusSource.Executor);
        });
    }

    private void Launch(JobState job, int instanceId, TaskSpec spec, double assignAfterSecs)
    {
        var task = NewTask(job, instanceId, spec);
        Publish(job, task, TaskState.Pending, string.Empty, StatusSource.Scheduler);
        agenda.AfterSecs(assignAfterSecs, () => Assign(job, task));
    }

    private static SimTask NewTask(JobState job, int instanceId, TaskSpec spec)
    {
        var slot = job.Slots.GetOrAdd(instanceId);
        var id = $"{job.Key.Role}-{job.Key.Environment}-{job.Key.Name}-{instanceId}-{++job.TaskCounter:x}";
        var task = new SimTask(id, job.Key, instanceId, spec);
        if (slot.Task is not null) slot.Previous = slot.Task;
        slot.Task = task;
        return task;
    }

    private static void Place(JobState job, SimTask task)
    {
        var host = job.Pool.Next();
        task.Host = host.Name;
        task.Executor = host.Executor;
    }

    private void Publish(JobState job, SimTask task, TaskState state, string message, StatusSource source, HealthCheckProgress? progress = null)
    {
        var update = new TaskStatusUpdate(task.Id, job.Key, task.InstanceId, state, message, agenda.Now, source, task.Host, progress);
        task.Record(update);
        log.Append(update);
        Changes.Enqueue(new TaskChange(job, task, state));
        if (state.IsTerminal()) OnTerminated(job, task);
    }

    /// <summary>
    /// A service task that dies on its own is rescheduled at once with its own configuration, as
    /// Aurora's state manager does; the new task waits out the restart delay before it is placed
    /// (Aurora's THROTTLED penalty), so the instance always has an active task.
    /// </summary>
    private void OnTerminated(JobState job, SimTask task)
    {
        if (task.KillRequested || !job.Slots.TryGetValue(task.InstanceId, out var slot) || slot.Task != task) return;
        Launch(job, task.InstanceId, task.Spec, options.RestartDelaySecs + AssignSecs);
    }
}
