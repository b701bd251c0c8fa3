using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>
/// Folds both upstream streams, in any interleaving and idempotent under duplicates, into updates and
/// task tracks, recording what changed. Not thread-safe: the model calls it under its lock.
/// </summary>
internal sealed class UpdateFold(ChangeTracker changes, RecordingCounters recordings)
{
    private const int TailTextChars = 160;

    private readonly Dictionary<JobKey, UpdateKey> _latestUpdateOfJob = [];

    /// <summary>Every update held of each job: all of them show the job's instances from the same tracks.</summary>
    private readonly Dictionary<JobKey, HashSet<UpdateKey>> _updatesOfJob = [];
    private readonly StringPool _strings = new();

    public Dictionary<UpdateKey, UpdateState> Updates { get; } = [];

    public Dictionary<(JobKey Job, int Instance), TaskTrack> Tracks { get; } = [];

    /// <summary>Values this build does not know in what the fold took; their count is part of the connection view.</summary>
    public UnknownValues Unknown { get; } = new();

    /// <summary>While replaying an upstream snapshot the tail is not written: it has shown that history already.</summary>
    public bool Replaying { get; set; }

    /// <summary>
    /// While folding any upstream snapshot, journals take only the events new to the model (a snapshot
    /// repeats what is held); a live event is journaled whatever it changed, as it arrived.
    /// </summary>
    public bool FromSnapshot { get; set; }

    public void ClearTracks() => Tracks.Clear();

    public void ClearUpdates()
    {
        Updates.Clear();
        _latestUpdateOfJob.Clear();
        _updatesOfJob.Clear();
    }

    public void Status(TaskStatusUpdate update)
    {
        var key = (update.Job, update.InstanceId);
        var track = Tracks.GetValueOrDefault(key) ?? TaskTrack.Empty;
        var compact = Compact(update, track);
        var changed = track.Apply(compact);
        var owner = _latestUpdateOfJob.TryGetValue(update.Job, out var updateKey) ? Updates.GetValueOrDefault(updateKey) : null;
        if (owner is not null && (changed is not null || !FromSnapshot)) owner.Journal.Status(compact);
        if (changed is null) return;
        Tracks[key] = changed;
        if (Unknown.Count(update)) changes.Connection = true;

        // An older update of the job shows the instance from the same track (a task started after it
        // counts for it too), so its row changes as well: else it would show what a fresh fold does not.
        if (_updatesOfJob.TryGetValue(update.Job, out var ofJob))
        {
            foreach (var other in ofJob) changes.Instance(other, update.InstanceId);
        }

        if (owner is not null && !Replaying) Tail(owner, update.Timestamp, StatusLine(update));
    }

    public void Updater(UpdaterEvent e)
    {
        if (!Updates.TryGetValue(e.Update, out var update))
        {
            update = new UpdateState(e.Update, recordings);
            Updates[e.Update] = update;
            if (!_updatesOfJob.TryGetValue(e.Update.Job, out var ofJob)) _updatesOfJob[e.Update.Job] = ofJob = [];
            ofJob.Add(e.Update);
        }

        var changed = e switch
        {
            UpdateStarted started => Started(update, started),
            UpdateStatusChanged status => StatusChanged(update, status),
            InstanceActionRecorded action => Action(update, action),
            GatingDecisionMade decision => Decision(update, decision),
            PulseReceived pulse => Pulse(update, pulse),
            _ => false,
        };
        if (changed || !FromSnapshot) update.Journal.Updater(e);
        if (!changed) return;
        if (Unknown.Count(e)) changes.Connection = true;

        if (e.Timestamp > update.LastModified) update.LastModified = e.Timestamp;
        changes.Headers.Add(update.Key);
    }

    /// <summary>Forgets an update; its job's tracks go too once no update of the job is left.</summary>
    public void Remove(UpdateState old)
    {
        Updates.Remove(old.Key);
        changes.Remove(old);
        if (_updatesOfJob.TryGetValue(old.Key.Job, out var ofJob) && ofJob.Remove(old.Key) && ofJob.Count == 0) _updatesOfJob.Remove(old.Key.Job);
        if (_latestUpdateOfJob.GetValueOrDefault(old.Key.Job) == old.Key) _latestUpdateOfJob.Remove(old.Key.Job);
        if (!Updates.Keys.Any(k => k.Job == old.Key.Job))
        {
            foreach (var track in Tracks.Keys.Where(t => t.Job == old.Key.Job).ToList()) Tracks.Remove(track);
        }
    }

    private bool Started(UpdateState update, UpdateStarted started)
    {
        if (update.Started == started) return false;
        update.Start(started);
        var latest = !_latestUpdateOfJob.TryGetValue(started.Update.Job, out var current) || !Updates.TryGetValue(current, out var other)
            || other.Created <= started.Timestamp;
        if (latest) _latestUpdateOfJob[started.Update.Job] = started.Update;
        update.Journal.Start(started, update.InstanceIds, latest, id => Tracks.GetValueOrDefault((started.Update.Job, id)));

        changes.AllInstances(update);
        Tail(update, started.Timestamp, started.DetectionStrategy == DetectionStrategy.Unknown
            ? $"update started by {started.User} (detection strategy {started.DetectionStrategy.DisplayName(started.UnknownDetectionStrategy)}, not one this dashboard knows: gating undetermined)"
            : $"update started by {started.User} ({started.DetectionStrategy.ShortName()})");
        return true;
    }

    private bool StatusChanged(UpdateState update, UpdateStatusChanged change)
    {
        var view = new StatusChangeView(change.Timestamp, change.Status, change.User, change.Message);
        if (update.History.Contains(view)) return false;
        update.AddHistory(view);
        changes.Appended(update.Key, view);
        var directionChanged = update.Status.IsBackward() != change.Status.IsBackward();
        update.Status = change.Status;
        if (change.Timestamp > update.LastModified) update.LastModified = change.Timestamp; // before ranking for eviction

        // Rolling back judges instances against the old config; otherwise rows do not depend on the status.
        if (directionChanged) changes.AllInstances(update);
        if (change.Status.IsTerminal())
        {
            update.Journal.Ended(change.Timestamp);
            Retention.Apply(this);
        }

        // Automatic transitions carry no user (as in Aurora): the scheduler did it.
        var by = change.User.Length > 0 ? $" by {change.User}" : " (automatic)";
        Tail(update, change.Timestamp, $"{change.Status.WireName()}{by}{(change.Message.Length > 0 ? ": " + Short(change.Message) : "")}");
        return true;
    }

    private bool Action(UpdateState update, InstanceActionRecorded action)
    {
        var instance = update.Instance(action.InstanceId);
        if (instance.Action == action) return false;
        update.Journal.Include(action.InstanceId);
        var failed = instance.Failed || action.Action is InstanceAction.InstanceUpdateFailed or InstanceAction.InstanceRollbackFailed;
        update.SetInstance(action.InstanceId, instance with { Action = action, Failed = failed });
        changes.Instance(update.Key, action.InstanceId);
        Tail(update, action.Timestamp, $"#{action.InstanceId} {action.Action.WireName()} {Short(action.Message)}".TrimEnd());
        return true;
    }

    private bool Decision(UpdateState update, GatingDecisionMade decision)
    {
        var instance = update.Instance(decision.InstanceId);
        if (instance.Decision == decision) return false;
        update.Journal.Include(decision.InstanceId);
        update.SetInstance(decision.InstanceId, instance with { Decision = decision });
        changes.Instance(update.Key, decision.InstanceId);
        var mode = decision.UnknownMode is null ? decision.Mode.WireName() : $"{decision.ModeName()} (shown as {decision.Mode.WireName()})";
        Tail(update, decision.Timestamp, $"#{decision.InstanceId} updater chose {mode}: {Short(decision.Reason)}");
        return true;
    }

    private bool Pulse(UpdateState update, PulseReceived pulse)
    {
        if (update.PulseDeadline >= pulse.Deadline) return false;
        update.PulseDeadline = pulse.Deadline;
        Tail(update, pulse.Timestamp, $"pulse received; next due by {pulse.Deadline:HH:mm:ss}");
        return true;
    }

    private void Tail(UpdateState update, DateTimeOffset at, string text) => changes.Appended(update.Key, update.AddTail(at, text));

    /// <summary>
    /// Tens of thousands of instances repeat the same hosts and messages: keep one copy of each, and
    /// the track's copy of its task id. One copy of the event, made here, is all the fold keeps.
    /// </summary>
    private TaskStatusUpdate Compact(TaskStatusUpdate update, TaskTrack track) => update with
    {
        TaskId = update.TaskId == track.TaskId ? track.TaskId : update.TaskId,
        Job = _strings.Intern(update.Job),
        Host = _strings.Intern(update.Host),
        Message = _strings.Intern(update.Message),
    };

    /// <summary>No trailing space to trim (and copy again) when the event has no message.</summary>
    private static string StatusLine(TaskStatusUpdate update) => update.Message.Length == 0
        ? $"#{update.InstanceId} {update.StateName()}"
        : $"#{update.InstanceId} {update.StateName()} {Short(update.Message)}".TrimEnd();

    private static string Short(string text) => text.Length <= TailTextChars ? text : text[..(TailTextChars - 3)] + "...";
}
