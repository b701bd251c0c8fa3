using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Apps;

namespace Rollout.Emulator.Engine;

/// <summary>
/// The updater, after Aurora's InstanceUpdater, OneWayJobUpdater and JobUpdateController: an instance
/// succeeds when its new task is RUNNING and has had no event for watch_secs, or at once when its
/// gating decision is health-gated; a terminated new task is a failure; limits are strict.
/// </summary>
public sealed partial class SchedulerEngine
{
    /// <summary>The user the scheduler acts as when nobody asked (auto-pause, failure, pulse expiry).</summary>
    public const string SchedulerUser = "scheduler";

    private const string KillForUpdate = "Killed for job update.";
    private int _updateCounter;

    public UpdateKey StartUpdate(UpdateRequest request)
    {
        var errors = request.Settings.Validate();
        if (errors.Count > 0) throw new ArgumentException($"update settings: {string.Join("; ", errors)}", nameof(request));
        if (request.DesiredInstances < 0) throw new ArgumentException("desired instances must be >= 0", nameof(request));

        lock (_gate)
        {
            CatchUp();
            if (!_jobs.TryGetValue(request.Job, out var job)) throw new ArgumentException($"job {request.Job} does not exist", nameof(request));
            if (job.ActiveUpdate is { } active) throw new InvalidOperationException($"job {request.Job} already has an active update {active.Key.Id}");

            var initialSpec = job.Slots.Values.Select(s => s.Spec).FirstOrDefault(s => s is not null);
            var initialCount = job.Slots.Count;
            var key = new UpdateKey(request.Job, request.Id ?? $"update-{++_updateCounter}");
            if (_updates.Any(u => u.Key == key)) throw new InvalidOperationException($"update {key} already exists");

            var run = new UpdateRun(key, job, request.User, request.Settings, initialSpec, request.DesiredSpec,
                initialCount, request.DesiredInstances, request.DetectionStrategy, _now);
            var ids = Enumerable.Range(0, Math.Max(initialCount, request.DesiredInstances)).ToArray();
            foreach (var id in ids) run.Instances[id] = new InstanceRun(id);
            run.ForwardPlan = UpdatePlan.Forward(request.Settings, ids);
            UsePlan(run, run.ForwardPlan);
            _updates.Add(run);
            job.ActiveUpdate = run;

            PublishUpdaterEvent(run, new UpdateStarted(
                key, _now, request.User, request.Settings, Summarize(initialSpec), Summarize(request.DesiredSpec),
                Ranges(initialCount), Ranges(request.DesiredInstances), request.DetectionStrategy));
            var first = request.Settings.IsCoordinated ? UpdateStatus.RollForwardAwaitingPulse : UpdateStatus.RollingForward;
            run.Status = first;
            PublishUpdaterEvent(run, new UpdateStatusChanged(key, _now, first, request.User, string.Empty));
            Advance(run);
            Rearm();
            return key;
        }
    }

    private static TaskConfigSummary? Summarize(TaskSpec? spec) => spec is null ? null : new(spec.Version, spec.HealthCheck);

    private static InstanceRange[] Ranges(int count) => count == 0 ? [] : [new InstanceRange(0, count - 1)];

    private static void UsePlan(UpdateRun run, UpdatePlan plan)
    {
        run.Plan = plan;
        run.NextGroup = 0;
        run.GroupsInFlight.Clear();
        run.Unfinished.Clear();
        run.FailedInDirection = 0;
        for (var g = 0; g < plan.Groups.Count; g++)
        {
            run.Unfinished[g] = plan.Groups[g].Count;
            foreach (var id in plan.Groups[g]) run.Instances[id].Group = g;
        }
    }

    /// <summary>Re-evaluates every in-flight instance, then moves the update on.</summary>
    private void Advance(UpdateRun run)
    {
        if (!run.Status.IsRolling()) return;
        foreach (var g in run.GroupsInFlight.ToArray())
        {
            foreach (var id in run.Plan.Groups[g])
            {
                var instance = run.Instances[id];
                if (instance.Phase == InstancePhase.InFlight) Evaluate(run, instance);
            }
        }

        Progress(run);
    }

    private void OnTaskChanged(JobState job, SimTask task)
    {
        if (job.ActiveUpdate is not { } run || !run.Status.IsRolling()) return;
        if (!run.Instances.TryGetValue(task.InstanceId, out var instance) || instance.Phase != InstancePhase.InFlight) return;
        Evaluate(run, instance);
        Progress(run);
    }

    /// <summary>
    /// Failure limits, finished groups, next groups, completion. Starting an instance publishes task
    /// events that land here again; those nested calls only ask the running loop for another pass.
    /// </summary>
    private void Progress(UpdateRun run)
    {
        if (run.Progressing)
        {
            run.ProgressAgain = true;
            return;
        }

        run.Progressing = true;
        try
        {
            do
            {
                run.ProgressAgain = false;
                ProgressOnce(run);
            }
            while (run.ProgressAgain && run.Status.IsRolling());
        }
        finally
        {
            run.Progressing = false;
        }
    }

    private void ProgressOnce(UpdateRun run)
    {
        while (run.Status.IsRolling())
        {
            var forward = run.Forward;
            if (run.FailedInDirection > run.Settings.MaxFailedInstances)
            {
                var why = $"{run.FailedInDirection} instance(s) failed, more than maxFailedInstances={run.Settings.MaxFailedInstances}";
                if (forward && run.Settings.RollbackOnFailure) StartRollback(run, why);
                else Finish(run, UpdateStatus.Failed, forward ? why : $"Rollback failed: {why}");
                return;
            }

            run.GroupsInFlight.RemoveAll(g => run.Unfinished[g] == 0);
            if (run.GroupsInFlight.Count >= run.Plan.GroupsInFlight) return;

            if (run.NextGroup >= run.Plan.Groups.Count)
            {
                if (run.GroupsInFlight.Count == 0) Finish(run, forward ? UpdateStatus.RolledForward : UpdateStatus.RolledBack, string.Empty);
                return;
            }

            if (forward && run.Settings.AutoPauseAfterBatch && run.Settings.Strategy != UpdateStrategyKind.Queue
                && run.NextGroup > 0 && run.GroupsInFlight.Count == 0 && run.AutoPausedBeforeGroup != run.NextGroup)
            {
                run.AutoPausedBeforeGroup = run.NextGroup;
                ChangeStatus(run, UpdateStatus.RollForwardPaused, SchedulerUser, "Update auto paused");
                return;
            }

            var group = run.NextGroup++;
            run.GroupsInFlight.Add(group);
            foreach (var id in run.Plan.Groups[group]) StartInstance(run, run.Instances[id]);
        }
    }

    private void StartInstance(UpdateRun run, InstanceRun instance)
    {
        var forward = run.Forward;
        instance.Phase = InstancePhase.InFlight;
        instance.Failures = 0;
        instance.FailureCountedFor = null;
        if (forward) instance.TouchedForward = true;
        RecordAction(run, instance, forward ? InstanceAction.InstanceUpdating : InstanceAction.InstanceRollingBack, string.Empty);

        var job = run.Job;
        if (!job.Slots.TryGetValue(instance.Id, out var slot))
        {
            slot = new InstanceSlot(instance.Id);
            job.Slots[instance.Id] = slot;
        }

        var target = run.TargetFor(instance.Id, forward);
        var task = slot.Task;
        var active = task is not null && task.State.IsActive() && !task.KillRequested;
        slot.Spec = target;
        if (target is null)
        {
            slot.LaunchAfterKill = null;
            if (active) Kill(job, task!, KillForUpdate);
        }
        else if (active && task!.Spec != target)
        {
            slot.LaunchAfterKill = target;
            Kill(job, task, KillForUpdate);
        }
        else if (task is null || task.State.IsTerminal())
        {
            Launch(job, slot, target);
        }
        else if (task.KillRequested)
        {
            slot.LaunchAfterKill = target;
        }

        Evaluate(run, instance);
    }

    private void StartRollback(UpdateRun run, string why)
    {
        var touched = run.Instances.Values.Where(i => i.TouchedForward).Select(i => i.Id).ToHashSet();
        foreach (var instance in run.Instances.Values)
        {
            instance.Phase = InstancePhase.Waiting;
            instance.Group = -1;
        }

        ChangeStatus(run, UpdateStatus.RollingBack, SchedulerUser, $"Update failed: {why}. Rolling back.");
        UsePlan(run, run.ForwardPlan.Reverse(touched));
        Progress(run);
    }

    private void Finish(UpdateRun run, UpdateStatus status, string message)
    {
        ChangeStatus(run, status, SchedulerUser, message);
        Abandon(run);
        var finished = _updates.Where(u => u.Status.IsTerminal()).ToList();
        for (var i = 0; i < finished.Count - Options.RetainedFinishedUpdates; i++) _updates.Remove(finished[i]);
    }

    private void ChangeStatus(UpdateRun run, UpdateStatus status, string user, string message)
    {
        if (status == run.Status) return;
        if (!UpdateStateMachine.IsAllowed(run.Status, status))
        {
            throw new InvalidOperationException($"update {run.Key}: {run.Status.WireName()} -> {status.WireName()} is not allowed");
        }

        run.Status = status;
        PublishUpdaterEvent(run, new UpdateStatusChanged(run.Key, _now, status, user, message));
    }

    private void RecordAction(UpdateRun run, InstanceRun instance, InstanceAction action, string message) =>
        PublishUpdaterEvent(run, new InstanceActionRecorded(run.Key, _now, instance.Id, action, message));
}
