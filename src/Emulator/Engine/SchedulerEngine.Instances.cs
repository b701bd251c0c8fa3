using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Apps;

namespace Rollout.Emulator.Engine;
/// <summary>
/// One instance's verdict in the updater: whether its new task has succeeded (health-gated at once,
/// or after watch_secs with no event), failed, or still waits, and how the gating mode was decided.
/// </summary>
public sealed partial class SchedulerEngine
{
    private void Evaluate(UpdateRun run, InstanceRun instance)
    {
        var forward = run.Forward;
        var target = run.TargetFor(instance.Id, forward);
        var task = run.Job.Slots.TryGetValue(instance.Id, out var slot) ? slot.Task : null;

        if (target is null)
        {
            if (task is null || task.State.IsTerminal()) Succeed(run, instance, "instance removed");
            return;
        }

        // A replacement held back while the update was paused is launched now.
        if (slot?.LaunchAfterKill is { } pending && (task is null || task.State.IsTerminal()))
        {
            Launch(run.Job, slot, pending);
            return;
        }

        // The replacement is still being made (old task being killed, new one not launched yet).
        if (task is null || task.Spec != target || task.KillRequested) return;

        if (task.State.IsTerminal())
        {
            if (instance.FailureCountedFor != task.Id)
            {
                instance.FailureCountedFor = task.Id;
                instance.Failures++;
            }

            if (instance.Failures > run.Settings.MaxPerInstanceFailures)
            {
                var last = task.History[^1];
                Fail(run, instance, $"{instance.Failures} failure(s), more than maxPerInstanceFailures={run.Settings.MaxPerInstanceFailures}; last: {last.State.WireName()} {last.Message}".TrimEnd());
            }

            return;
        }

        if (task.State != TaskState.Running) return;

        var decision = Decide(run, instance, task, target);
        if (decision.Mode == GatingMode.HealthGated)
        {
            Succeed(run, instance, "RUNNING and health-gated");
            return;
        }

        var deadline = decision.WatchDeadline ?? task.LatestEventAt.AddSeconds(run.Settings.WatchSecs);
        if (_now >= deadline)
        {
            Succeed(run, instance, $"RUNNING for watch_secs={run.Settings.WatchSecs}");
            return;
        }

        Schedule(deadline - _now, () =>
        {
            if (!run.Status.IsRolling() || instance.Phase != InstancePhase.InFlight) return;
            Evaluate(run, instance);
            Progress(run);
        });
    }

    /// <summary>The updater's gating decision for the instance's new task, published when it changes.</summary>
    private GatingDecisionMade Decide(UpdateRun run, InstanceRun instance, SimTask task, TaskSpec target)
    {
        var verdict = ExecutorInference.For(run.Strategy).Infer(new InferenceInput(task.History, run.Settings, target.HealthCheck));
        var mode = verdict.RunningMeansHealthy ? GatingMode.HealthGated : GatingMode.WatchSecs;
        DateTimeOffset? deadline = mode == GatingMode.WatchSecs ? task.LatestEventAt.AddSeconds(run.Settings.WatchSecs) : null;
        if (instance.LastDecision is { } last && last.TaskId == task.Id && last.Mode == mode && last.WatchDeadline == deadline)
        {
            return last;
        }

        var reason = $"{run.Strategy.ShortName()}: {verdict.Evidence.Description}";
        var decision = new GatingDecisionMade(run.Key, _now, instance.Id, task.Id, mode, reason, deadline);
        instance.LastDecision = decision;
        PublishUpdaterEvent(run, decision);
        return decision;
    }

    private void Succeed(UpdateRun run, InstanceRun instance, string message)
    {
        instance.Phase = InstancePhase.Succeeded;
        run.Unfinished[instance.Group]--;
        if (run.Forward) run.UpdatedCount++;
        RecordAction(run, instance, run.Forward ? InstanceAction.InstanceUpdated : InstanceAction.InstanceRolledBack, message);
    }

    private void Fail(UpdateRun run, InstanceRun instance, string message)
    {
        instance.Phase = InstancePhase.Failed;
        run.Unfinished[instance.Group]--;
        run.FailedInDirection++;
        run.FailedCount++;
        RecordAction(run, instance, run.Forward ? InstanceAction.InstanceUpdateFailed : InstanceAction.InstanceRollbackFailed, message);
    }
}
