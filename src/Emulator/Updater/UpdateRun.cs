using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Tasks;

namespace Rollout.Emulator.Updater;

/// <summary>One job update: its instructions, status, the one-way updater working on it now, and every event it produced.</summary>
internal sealed class UpdateRun(
    UpdateKey key,
    JobState job,
    string user,
    UpdateSettings settings,
    IReadOnlyDictionary<int, TaskSpec> initial,
    TaskSpec? desiredSpec,
    int desiredCount,
    DetectionStrategy strategy,
    DateTimeOffset created)
{
    private int? _instanceCount;

    public UpdateKey Key { get; } = key;

    public JobState Job { get; } = job;

    public string User { get; } = user;

    public UpdateSettings Settings { get; } = settings;

    /// <summary>Each instance's configuration when the update started; rollback restores these.</summary>
    public IReadOnlyDictionary<int, TaskSpec> Initial { get; } = initial;

    public TaskSpec? DesiredSpec { get; } = desiredSpec;

    public int DesiredCount { get; } = desiredCount;

    public DetectionStrategy Strategy { get; } = strategy;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset LastModified { get; set; } = created;

    public UpdateStatus Status { get; set; } = UpdateStatus.RollingForward;

    /// <summary>The updater of the current direction; none while paused, awaiting a pulse, or finished.</summary>
    public OneWayJobUpdater? Updater { get; set; }

    /// <summary>Instances the auto-pause logic has seen in this direction (Aurora's instancesSeen).</summary>
    public HashSet<int>? InstancesSeen { get; set; }

    /// <summary>Instance actions recorded so far: each is recorded at most once per update.</summary>
    public RecordedActions Recorded { get; } = new();

    /// <summary>The latest gating decision published per instance.</summary>
    public Dictionary<int, GatingDecisionMade> Decisions { get; } = [];

    /// <summary>The job's active task of an instance, as one delegate for every evaluation of the update.</summary>
    public Func<int, IObservedTask?> ActiveTaskOf { get; } = job.ActiveTask;

    public DateTimeOffset? LastPulse { get; set; }

    public List<UpdaterEvent> Journal { get; } = [];

    public IEnumerable<int> DesiredInstances => Enumerable.Range(0, DesiredCount);

    /// <summary>Every instance the update concerns: the union of the initial and desired ones.</summary>
    public int InstanceCount => _instanceCount ??= Initial.Count + DesiredInstances.Count(id => !Initial.ContainsKey(id));

    /// <summary>The configuration the instance should end up with in the given direction; null removes it.</summary>
    public TaskSpec? TargetFor(int instanceId, bool forward) =>
        forward ? (instanceId < DesiredCount ? DesiredSpec : null) : Initial.GetValueOrDefault(instanceId);

    public bool PulseExpired(DateTimeOffset now) =>
        Settings.IsCoordinated && (LastPulse is null || now >= LastPulse.Value.AddSeconds(Settings.PulseIntervalSecs));

    /// <summary>INSTANCE_UPDATED actions so far.</summary>
    public int UpdatedCount { get; set; }

    /// <summary>INSTANCE_UPDATE_FAILED and INSTANCE_ROLLBACK_FAILED actions so far.</summary>
    public int FailedCount { get; set; }

    public UpdateSummary Summary() => new(
        Key, Status, User, Strategy, InstanceCount, UpdatedCount, FailedCount, Created, LastModified);
}
