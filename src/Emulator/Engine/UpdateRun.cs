using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Apps;

namespace Rollout.Emulator.Engine;

internal enum InstancePhase
{
    Waiting,
    InFlight,
    Succeeded,
    Failed,
}

/// <summary>The updater's view of one instance in the current direction.</summary>
internal sealed class InstanceRun(int id)
{
    public int Id { get; } = id;

    public InstancePhase Phase { get; set; } = InstancePhase.Waiting;

    public int Failures { get; set; }

    public string? FailureCountedFor { get; set; }

    public bool TouchedForward { get; set; }

    public GatingDecisionMade? LastDecision { get; set; }

    /// <summary>Index of the plan group this instance belongs to in the current direction.</summary>
    public int Group { get; set; } = -1;
}

/// <summary>One job update: settings, plan, progress, and every event it produced.</summary>
internal sealed class UpdateRun(
    UpdateKey key,
    JobState job,
    string user,
    UpdateSettings settings,
    TaskSpec? initialSpec,
    TaskSpec? desiredSpec,
    int initialCount,
    int desiredCount,
    DetectionStrategy strategy,
    DateTimeOffset created)
{
    public UpdateKey Key { get; } = key;

    public JobState Job { get; } = job;

    public string User { get; } = user;

    public UpdateSettings Settings { get; } = settings;

    public TaskSpec? InitialSpec { get; } = initialSpec;

    public TaskSpec? DesiredSpec { get; } = desiredSpec;

    public int InitialCount { get; } = initialCount;

    public int DesiredCount { get; } = desiredCount;

    public DetectionStrategy Strategy { get; } = strategy;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset LastModified { get; set; } = created;

    public UpdateStatus Status { get; set; } = UpdateStatus.RollingForward;

    public bool Forward => !Status.IsBackward();

    public SortedDictionary<int, InstanceRun> Instances { get; } = [];

    public UpdatePlan ForwardPlan { get; set; } = new([], 1);

    public UpdatePlan Plan { get; set; } = new([], 1);

    /// <summary>Index of the next group of <see cref="Plan"/> to start.</summary>
    public int NextGroup { get; set; }

    /// <summary>Indexes of groups started and not yet finished.</summary>
    public List<int> GroupsInFlight { get; } = [];

    /// <summary>Per group index: instances not yet succeeded or failed.</summary>
    public Dictionary<int, int> Unfinished { get; } = [];

    /// <summary>Instances failed in the current direction.</summary>
    public int FailedInDirection { get; set; }

    /// <summary>The group index before which an auto-pause already happened.</summary>
    public int AutoPausedBeforeGroup { get; set; } = -1;

    public DateTimeOffset? LastPulse { get; set; }

    public bool Progressing { get; set; }

    public bool ProgressAgain { get; set; }

    public List<UpdaterEvent> Journal { get; } = [];

    public TaskSpec? TargetFor(int instanceId, bool forward)
    {
        var spec = forward ? DesiredSpec : InitialSpec;
        var count = forward ? DesiredCount : InitialCount;
        return instanceId < count ? spec : null;
    }

    public bool PulseExpired(DateTimeOffset now) =>
        Settings.IsCoordinated && (LastPulse is null || now >= LastPulse.Value.AddSeconds(Settings.PulseIntervalSecs));

    /// <summary>INSTANCE_UPDATED actions so far.</summary>
    public int UpdatedCount { get; set; }

    /// <summary>INSTANCE_UPDATE_FAILED and INSTANCE_ROLLBACK_FAILED actions so far.</summary>
    public int FailedCount { get; set; }

    public UpdateSummary Summary() => new(
        Key, Status, User, Strategy, Instances.Count, UpdatedCount, FailedCount, Created, LastModified);
}
