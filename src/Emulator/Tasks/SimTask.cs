using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Cluster;
using Rollout.Emulator.Executors;
using Rollout.Emulator.Updater;

namespace Rollout.Emulator.Tasks;

/// <summary>One task: a process of one instance, run by one executor on one host.</summary>
internal sealed class SimTask(string id, JobKey job, int instanceId, TaskSpec spec) : IObservedTask
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

    public bool WasKilling { get; private set; }

    public HealthChecker? Checker { get; set; }

    public DateTimeOffset ProcessStartedAt { get; set; }

    public double HealthyAfterSecs { get; set; }

    /// <summary>A task's whole life usually fits: PENDING to KILLED with a few health-check reports.</summary>
    public List<TaskStatusUpdate> History { get; } = new(capacity: 12);

    IReadOnlyList<TaskStatusUpdate> IObservedTask.History => History;

    public DateTimeOffset LatestEventAt { get; private set; } = DateTimeOffset.MinValue;

    public void Record(TaskStatusUpdate update)
    {
        if (History.Count == MaxHistory) History.RemoveAt(1);
        History.Add(update);
        State = update.State;
        LatestEventAt = update.Timestamp;
        if (update.State == TaskState.Killing) WasKilling = true;
    }
}

/// <summary>One instance of a job: its current task and the one before.</summary>
internal sealed class InstanceSlot(int id)
{
    public int Id { get; } = id;

    public SimTask? Task { get; set; }

    public SimTask? Previous { get; set; }
}

internal sealed class JobState(JobKey key, HostPool pool)
{
    public JobKey Key { get; } = key;

    public HostPool Pool { get; } = pool;

    public InstanceSlots Slots { get; } = new();

    public int TaskCounter { get; set; }

    /// <summary>The instance's task if it is active (not terminal), as Aurora's active-task query.</summary>
    public SimTask? ActiveTask(int instanceId) =>
        Slots.TryGetValue(instanceId, out var slot) && slot.Task is { } task && task.State.IsActive() ? task : null;
}

/// <summary>
/// A job's instance slots indexed by instance id: ids are dense from 0, so a growable array answers
/// the updater's per-event lookups without hashing and lists the slots in id order.
/// </summary>
internal sealed class InstanceSlots
{
    private InstanceSlot?[] _slots = [];

    public bool TryGetValue(int instanceId, out InstanceSlot slot)
    {
        slot = (uint)instanceId < (uint)_slots.Length ? _slots[instanceId]! : null!;
        return slot is not null;
    }

    public InstanceSlot GetOrAdd(int instanceId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instanceId);
        if (instanceId >= _slots.Length) Array.Resize(ref _slots, Math.Max(instanceId + 1, _slots.Length * 2));
        return _slots[instanceId] ??= new InstanceSlot(instanceId);
    }

    /// <summary>Every slot, in instance id order.</summary>
    public IEnumerable<InstanceSlot> Values
    {
        get
        {
            foreach (var slot in _slots)
            {
                if (slot is not null) yield return slot;
            }
        }
    }
}

/// <summary>A task changed state; the updater hears of it once the agenda step that changed it ends.</summary>
internal readonly record struct TaskChange(JobState Job, SimTask Task, TaskState State);
