using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Events;
using Rollout.Emulator.Tasks;

namespace Rollout.Emulator.Updater;

/// <summary>
/// Aurora's JobUpdateControllerImpl: owns every update, moves it through the update state machine,
/// builds a fresh one-way updater whenever an update starts rolling in a direction (start, resume,
/// unblock, rollback), feeds it task changes, and carries out the actions it asks for. Automatic
/// transitions carry an empty user, as in Aurora.
/// </summary>
internal sealed partial class JobUpdateController(Agenda agenda, TaskRuntime tasks, EventLog<UpdaterEvent> log, EngineOptions options)
{
    public const string AutoPausedMessage = "Update auto paused";
    public const string PulseTimeoutMessage = "Pulses from external service have timed out.";

    private readonly List<UpdateRun> _updates = [];
    // Keyed by the job's state object: every task change looks its job up here, and a reference hashes
    // without reading the key's three strings.
    private readonly Dictionary<JobState, UpdateRun> _activeByJob = new(ReferenceEqualityComparer.Instance);
    private int _updateCounter;

    public IReadOnlyList<UpdateRun> Updates => _updates;

    public UpdateRun? Find(UpdateKey key) => _updates.FirstOrDefault(u => u.Key == key);

    public bool HasActiveUpdate(JobKey job) => tasks.Jobs.TryGetValue(job, out var state) && _activeByJob.ContainsKey(state);

    public UpdateKey Start(UpdateRequest request)
    {
        if (!tasks.Jobs.TryGetValue(request.Job, out var job)) throw new ArgumentException($"job {request.Job} does not exist", nameof(request));
        if (_activeByJob.TryGetValue(job, out var active)) throw new InvalidOperationException($"job {request.Job} already has an active update {active.Key.Id}");

        var key = new UpdateKey(request.Job, request.Id ?? $"update-{++_updateCounter}");
        if (_updates.Any(u => u.Key == key)) throw new InvalidOperationException($"update {key} already exists");

        // Slots list in id order, so each id lands at the end of the sorted list.
        var initial = new SortedList<int, TaskSpec>();
        foreach (var slot in job.Slots.Values)
        {
            if (slot.Task is { } task && task.State.IsActive()) initial[slot.Id] = task.Spec;
        }

        if (initial.Count == 0 && request.DesiredInstances == 0) throw new ArgumentException("Update instruction is a no-op.", nameof(request));

        var run = new UpdateRun(key, job, request.User, request.Settings, initial, request.DesiredSpec, request.DesiredInstances,
            request.DetectionStrategy, agenda.Now);
        _updates.Add(run);
        _activeByJob[job] = run;

        var initialSpec = initial.Values.FirstOrDefault();
        Publish(run, new UpdateStarted(
            key, agenda.Now, request.User, request.Settings, Summarize(initialSpec), Summarize(request.DesiredSpec),
            Ranges(initial.Keys), Ranges(run.DesiredInstances), request.DetectionStrategy));

        var first = request.Settings.IsCoordinated ? UpdateStatus.RollForwardAwaitingPulse : UpdateStatus.RollingForward;
        Enter(run, first, request.User, string.Empty);
        return key;
    }

    /// <summary>A task changed state: the active update of its job evaluates the instance, if it is part of it.</summary>
    public void OnTaskChanged(TaskChange change)
    {
        // Out-of-date changes are ignored, as Aurora checks a task still has the state it reported.
        if (change.Task.State != change.State) return;
        if (!_activeByJob.TryGetValue(change.Job, out var run) || run.Updater is not { } updater) return;
        if (!updater.Contains(change.Task.InstanceId)) return;
        Evaluate(run, [(change.Task.InstanceId, change.Task)]);
    }

    /// <summary>Moves the update to <paramref name="status"/> if the state machine allows it; the same status is a silent no-op.</summary>
    private void ChangeStatus(UpdateRun run, UpdateStatus status, string user, string message)
    {
        if (status == run.Status) return;
        if (!UpdateStateMachine.IsAllowed(run.Status, status))
        {
            throw new InvalidOperationException($"update {run.Key}: {run.Status.WireName()} -> {status.WireName()} is not allowed");
        }

        Enter(run, status, user, message);
    }

    /// <summary>
    /// Records the status, then does what it means for the updater: rolling in a direction builds a
    /// fresh one-way updater and evaluates it; any other status drops the updater, so a paused or
    /// blocked update takes no action at all.
    /// </summary>
    private void Enter(UpdateRun run, UpdateStatus status, string user, string message)
    {
        run.Status = status;
        Publish(run, new UpdateStatusChanged(run.Key, agenda.Now, status, user, message));

        if (status.IsTerminal())
        {
            run.Updater = null;
            Retire(run);
            return;
        }

        if (status is UpdateStatus.RollingForward or UpdateStatus.RollingBack)
        {
            run.Updater = UpdateFactory.Create(run, status == UpdateStatus.RollingForward, new GatingJudge(run, () => agenda.Now, Publish));
            Evaluate(run, []);
        }
        else
        {
            run.Updater = null;
        }
    }

    private void Retire(UpdateRun run)
    {
        if (_activeByJob.TryGetValue(run.Job, out var active) && active == run) _activeByJob.Remove(run.Job);
        var finished = _updates.Where(u => u.Status.IsTerminal()).ToList();
        for (var i = 0; i < finished.Count - options.RetainedFinishedUpdates; i++) _updates.Remove(finished[i]);
    }

    private void Publish(UpdateRun run, UpdaterEvent e)
    {
        run.Journal.Add(e);
        run.LastModified = e.Timestamp;
        log.Append(e);
    }

    private static TaskConfigSummary? Summarize(TaskSpec? spec) => spec is null ? null : new(spec.Version, spec.HealthCheck);

    /// <summary>Contiguous ranges of the ids, as Aurora's instance ranges.</summary>
    private static InstanceRange[] Ranges(IEnumerable<int> ids)
    {
        var ranges = new List<InstanceRange>();
        var sorted = ids.ToArray();
        Array.Sort(sorted);
        foreach (var id in sorted)
        {
            if (ranges.Count > 0 && ranges[^1].Last == id - 1) ranges[^1] = ranges[^1] with { Last = id };
            else ranges.Add(new InstanceRange(id, id));
        }

        return [.. ranges];
    }
}
