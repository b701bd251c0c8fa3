using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Emulator.Updater;

/// <summary>Aurora's evaluateUpdater: one evaluation, its instance events, its outcome and its actions.</summary>
internal sealed partial class JobUpdateController
{
    private void Evaluate(UpdateRun run, IReadOnlyList<(int Id, IObservedTask? Task)> changed)
    {
        if (run.Updater is not { } updater) return;
        var rollingStatus = run.Status;
        var forward = rollingStatus == UpdateStatus.RollingForward;

        if (run.PulseExpired(agenda.Now))
        {
            // A coordinated update whose pulse expired blocks here, at its next evaluation.
            ChangeStatus(run, UpdateStateMachine.BlockTarget(run.Status) ?? run.Status, string.Empty, PulseTimeoutMessage);
            return;
        }

        var result = updater.Evaluate(changed, run.ActiveTaskOf, agenda.Now);

        var autoPause = AutoPauseEnabled(run.Settings) && MaybeAutoPause(run, result);
        if (autoPause) ChangeStatus(run, UpdateStateMachine.PauseTarget(run.Status)!.Value, string.Empty, AutoPausedMessage);

        var effects = result.SideEffects;
        for (var i = 0; i < effects.Count; i++)
        {
            var effect = effects[i];
            // Pausing after this evaluation: only instances that finished are recorded; none is started.
            if (autoPause && !effect.ReachedTerminal) continue;
            RecordInstanceEvents(run, updater, effect, forward);
        }

        if (result.Status is OneWayStatus.Succeeded or OneWayStatus.Failed)
        {
            if (result.HasActions) throw new InvalidOperationException($"update {run.Key}: a terminal evaluation asked for actions");
            if (result.Status == OneWayStatus.Succeeded)
            {
                ChangeStatus(run, forward ? UpdateStatus.RolledForward : UpdateStatus.RolledBack, string.Empty, string.Empty);
            }
            else
            {
                var failureStatus = forward && run.Settings.RollbackOnFailure ? UpdateStatus.RollingBack : UpdateStatus.Failed;
                var failed = result.SideEffects.FirstOrDefault(e => e.Exited);
                ChangeStatus(run, failureStatus, string.Empty, failed.Exited ? FailureMessage(failed.InstanceId) : string.Empty);
            }

            return;
        }

        for (var i = 0; i < effects.Count; i++)
        {
            var effect = effects[i];
            if (autoPause && !effect.ReachedTerminal) continue;
            Act(run, effect, forward);
        }
    }

    /// <summary>Aurora's failure message for the update: one instance of the group that crossed the limit.</summary>
    public static string FailureMessage(int instanceId) => $"Latest failure: instance {instanceId} exited.";

    private static bool AutoPauseEnabled(UpdateSettings settings) =>
        settings.AutoPauseAfterBatch && settings.Strategy != UpdateStrategyKind.Queue;

    /// <summary>
    /// Aurora's maybeAutoPause: an evaluation that touches instances this update has not seen yet is
    /// crossing a batch barrier. The first evaluation only remembers its instances.
    /// </summary>
    private static bool MaybeAutoPause(UpdateRun run, EvaluationResult result)
    {
        if (run.Status != UpdateStatus.RollingForward) return false;
        if (run.InstancesSeen is not { } seen)
        {
            run.InstancesSeen = [.. result.SideEffects.Select(e => e.InstanceId)];
            return false;
        }

        if (result.Status == OneWayStatus.Succeeded)
        {
            run.InstancesSeen = null;
            return false;
        }

        var crossing = false;
        foreach (var effect in result.SideEffects) crossing |= seen.Add(effect.InstanceId);
        return crossing;
    }

    /// <summary>
    /// Instance events as Aurora records them: an instance found already in place (WORKING and
    /// SUCCEEDED at once, nothing recorded before) records nothing, and each action is recorded at
    /// most once per update, so a resume does not repeat them.
    /// </summary>
    private void RecordInstanceEvents(UpdateRun run, OneWayJobUpdater updater, SideEffect effect, bool forward)
    {
        var id = effect.InstanceId;
        if (effect.IsNoOp && !run.Recorded.Touched(id)) return;

        if (effect.BecameWorking) Record(run, id, forward ? InstanceAction.InstanceUpdating : InstanceAction.InstanceRollingBack, string.Empty);
        switch (effect.Reached)
        {
            case InstanceUpdateStatus.Succeeded:
                Record(run, id, forward ? InstanceAction.InstanceUpdated : InstanceAction.InstanceRolledBack, SuccessMessage(run, updater, id));
                break;
            case InstanceUpdateStatus.Failed:
                Record(run, id, forward ? InstanceAction.InstanceUpdateFailed : InstanceAction.InstanceRollbackFailed, FailureDetail(run, updater, id));
                break;
        }
    }

    private void Record(UpdateRun run, int id, InstanceAction action, string message)
    {
        if (!run.Recorded.Add(id, action)) return;
        if (action == InstanceAction.InstanceUpdated) run.UpdatedCount++;
        if (action is InstanceAction.InstanceUpdateFailed or InstanceAction.InstanceRollbackFailed) run.FailedCount++;
        Publish(run, new InstanceActionRecorded(run.Key, agenda.Now, id, action, message));
    }

    /// <summary>Why the instance counts as updated: the decision the judge took for its task.</summary>
    private static string SuccessMessage(UpdateRun run, OneWayJobUpdater updater, int id)
    {
        if (updater.UpdaterOf(id).Desired is null) return "instance removed";
        return run.Decisions.TryGetValue(id, out var decision) && decision.Mode == Domain.Gating.GatingMode.HealthGated
            ? "RUNNING and health-gated"
            : $"RUNNING for watch_secs={run.Settings.WatchSecs}";
    }

    private static string FailureDetail(UpdateRun run, OneWayJobUpdater updater, int id)
    {
        var instance = updater.UpdaterOf(id);
        var what = $"{instance.ObservedFailures} failure(s), more than maxPerInstanceFailures={run.Settings.MaxPerInstanceFailures}";
        return instance.LastFailure is { } last ? $"{what}; last: {last}" : what;
    }

    /// <summary>Carries out an instance's action: add its task, kill it, or look again after watch_secs.</summary>
    private void Act(UpdateRun run, SideEffect effect, bool forward)
    {
        var job = run.Job;
        var id = effect.InstanceId;
        switch (effect.Action)
        {
            case TaskAction.AddTask:
                // An instance that already has an active task keeps it: the task's own events drive it.
                if (job.ActiveTask(id) is null && run.TargetFor(id, forward) is { } spec) tasks.Launch(job, id, spec);
                break;
            case TaskAction.KillTask:
                if (job.ActiveTask(id) is { } task) tasks.Kill(job, task, $"Killed for job update {run.Key.Id}");
                break;
            case TaskAction.WatchTask:
                agenda.After(TimeSpan.FromSeconds(run.Settings.WatchSecs), () => EvaluateLater(run, id));
                break;
        }
    }

    /// <summary>Aurora's deferred evaluator: the instance again, if the update is still rolling.</summary>
    private void EvaluateLater(UpdateRun run, int id)
    {
        if (run.Status is not (UpdateStatus.RollingForward or UpdateStatus.RollingBack) || run.Updater is null) return;
        Evaluate(run, [(id, run.Job.ActiveTask(id))]);
    }
}
