using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>A status change as the views mark it.</summary>
internal readonly record struct StatusMark(DateTimeOffset At, UpdateStatus Status, string User, string Message)
{
    /// <summary>Aurora's message for the pause it makes itself after a batch.</summary>
    public const string AutoPausedMessage = "Update auto paused";

    public bool IsAutoPause => User.Length == 0 && string.Equals(Message, AutoPausedMessage, StringComparison.Ordinal);
}

/// <summary>
/// One pass over an update's log, each event applied once in timestamp order: per-instance bars,
/// batches, pauses, durations and gating time. Every view is built from this state; none reads the
/// log again.
/// </summary>
internal sealed partial class FoldState(InsightOptions options)
{
    private readonly List<TaskStatusUpdate> _beforeStart = [];
    private int[] _indexOfId = [];
    private int _batchCap = int.MaxValue;

    public InsightOptions Options { get; } = options;

    public UpdateStarted? Started { get; private set; }

    public DateTimeOffset StartAt { get; private set; }

    public UpdateSettings Settings { get; private set; } = new();

    /// <summary>Every instance of the update (initial and desired ranges), ordered by id.</summary>
    public InstanceTrack[] Instances { get; private set; } = [];

    public UpdateStatus? Status { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public List<StatusMark> Statuses { get; } = [];

    public List<BatchTrack> Batches { get; } = [];

    public Suspensions Suspensions { get; } = new();

    /// <summary>Counts entries into a rolling status: each builds a fresh one-way updater in Aurora.</summary>
    public int Run { get; private set; }

    /// <summary>Instances that failed since the update last started rolling (Aurora's failed count is per one-way updater).</summary>
    public int FailedInRun { get; private set; }

    public int ForwardStarted { get; private set; }

    public int BackStarted { get; private set; }

    /// <summary>Rolling time from start to finish of each instance that finished, per direction.</summary>
    public List<long> ForwardDurationsMs { get; } = [];

    public List<long> BackDurationsMs { get; } = [];

    /// <summary>Rolling time of the forward instances that were updated (not failed): a rollback's stand-in.</summary>
    public List<long> ForwardUpdatedMs { get; } = [];

    public PulseReceived? LastPulse { get; private set; }

    public List<DateTimeOffset> Pulses { get; } = [];

    /// <summary>Gating time of tasks the instances have moved on from.</summary>
    public GatingTally Finalized { get; } = new();

    public InstanceTrack? Find(int id) =>
        (uint)id < (uint)_indexOfId.Length && _indexOfId[id] >= 0 ? Instances[_indexOfId[id]] : null;

    /// <summary>Milliseconds after the update started, clamped to the int range a timeline's arrays use.</summary>
    public int Ms(DateTimeOffset at) => (int)Math.Clamp((at - StartAt).Ticks / TimeSpan.TicksPerMillisecond, 0, int.MaxValue);

    public void Apply(in UpdateLogEntry entry)
    {
        switch (entry.Updater)
        {
            case null:
                ApplyStatus(entry.Status!);
                break;
            case UpdateStarted started:
                Start(started);
                break;
            case UpdateStatusChanged changed when Started is not null:
                ChangeStatus(changed);
                break;
            case InstanceActionRecorded action when Started is not null:
                RecordAction(action);
                break;
            case PulseReceived pulse when Started is not null:
                LastPulse = pulse;
                Pulses.Add(pulse.Timestamp);
                break;
            case GatingDecisionMade decision when Started is not null:
                if (Find(decision.InstanceId) is { } track) track.Decision = decision;
                break;
        }
    }

    private void Start(UpdateStarted started)
    {
        if (Started is not null) return;
        Started = started;
        StartAt = started.Timestamp;
        Settings = started.Settings;
        _batchCap = Settings.Strategy == UpdateStrategyKind.VariableBatch
            ? Math.Max(1, Settings.GroupSizes.DefaultIfEmpty(1).Max())
            : Math.Max(1, Settings.GroupSize);

        // Ids are dense from 0 and bounded by the upstream limits, so an id-indexed table is the cheap map.
        var ids = new SortedSet<int>();
        foreach (var range in started.InitialInstances.Concat(started.DesiredInstances))
        {
            var last = Math.Min(range.Last, UpstreamLimits.MaxInstanceId);
            for (var id = Math.Max(0, range.First); id <= last; id++) ids.Add(id);
        }

        _indexOfId = new int[ids.Count == 0 ? 0 : ids.Max + 1];
        Array.Fill(_indexOfId, -1);
        Instances = new InstanceTrack[ids.Count];
        var index = 0;
        foreach (var id in ids)
        {
            var track = new InstanceTrack(id, index);
            track.Segments.Add(new PhaseSegment(0, InstancePhase.Waiting, 0));
            Instances[index] = track;
            _indexOfId[id] = index++;
        }

        foreach (var status in _beforeStart) ApplyStatus(status);
        _beforeStart.Clear();
    }

    private void ChangeStatus(UpdateStatusChanged changed)
    {
        var previous = Status;
        Status = changed.Status;
        Statuses.Add(new StatusMark(changed.Timestamp, changed.Status, changed.User ?? string.Empty, changed.Message ?? string.Empty));
        if (changed.Status.IsRolling())
        {
            Suspensions.Resume(changed.Timestamp);
            if (previous != changed.Status)
            {
                Run++;
                FailedInRun = 0;
            }
        }
        else if (changed.Status.IsTerminal())
        {
            Suspensions.Resume(changed.Timestamp);
            EndedAt = changed.Timestamp;
        }
        else
        {
            Suspensions.Suspend(changed.Timestamp);
        }
    }

    private void RecordAction(InstanceActionRecorded action)
    {
        if (Find(action.InstanceId) is not { } track) return;
        var at = action.Timestamp;
        switch (action.Action)
        {
            case InstanceAction.InstanceUpdating when track.ForwardStart is null:
                track.ForwardStart = at;
                ForwardStarted++;
                track.ForwardBatch = Join(track, backward: false, at);
                break;
            case InstanceAction.InstanceRollingBack when track.BackStart is null:
                track.BackStart = at;
                BackStarted++;
                track.BackBatch = Join(track, backward: true, at);
                break;
            case InstanceAction.InstanceUpdated or InstanceAction.InstanceUpdateFailed when track.ForwardOutcome is null:
                track.ForwardOutcome = action.Action;
                var updated = action.Action == InstanceAction.InstanceUpdated;
                if (updated) track.CountedAt = at;
                else FailedInRun++;

                var took = Finish(track.ForwardStart, track.ForwardBatch, at, !updated, ForwardDurationsMs);
                if (updated && took is { } ms) ForwardUpdatedMs.Add(ms);
                break;
            case InstanceAction.InstanceRolledBack or InstanceAction.InstanceRollbackFailed when track.BackOutcome is null:
                track.BackOutcome = action.Action;
                var rolledBack = action.Action == InstanceAction.InstanceRolledBack;
                if (rolledBack) track.CountedAt = at;
                else FailedInRun++;

                Finish(track.BackStart, track.BackBatch, at, !rolledBack, BackDurationsMs);
                break;
            default:
                return; // each action counts once per update, as Aurora records it
        }

        Touch(track, at);
    }

    /// <summary>The batch an instance starting now belongs to: the open one if it started with it, else a new one.</summary>
    private int Join(InstanceTrack track, bool backward, DateTimeOffset at)
    {
        var open = Batches.Count > 0 ? Batches[^1] : null;
        if (open is null || open.Backward != backward || open.Run != Run || open.EndAt is not null
            || at - open.StartAt > Options.BatchJoinWindow || open.Members.Count >= _batchCap)
        {
            open = new BatchTrack(Batches.Count, backward, at, Run);
            Batches.Add(open);
        }

        open.Members.Add(track.Index);
        return open.Index;
    }

    /// <summary>Counts the instance out of its batch and returns (and keeps) the rolling time it took.</summary>
    private long? Finish(DateTimeOffset? start, int batchIndex, DateTimeOffset at, bool failed, List<long> durations)
    {
        long? took = start is { } from ? Suspensions.Active(from, at).Ticks / TimeSpan.TicksPerMillisecond : null;
        if (took is { } ms) durations.Add(ms);
        if (batchIndex < 0) return took;
        var batch = Batches[batchIndex];
        batch.Finished++;
        if (failed) batch.Failed++;
        if (batch.Finished >= batch.Members.Count) batch.EndAt = at;
        return took;
    }
}
