using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Emulator.Updater;

/// <summary>
/// The updater's per-instance gating decision for one update: the update's detection strategy (S1,
/// S2 or S3) reads the task's own evidence. Each decision is published when it changes, so the
/// dashboard shows which mode decides and until when watch_secs runs.
/// </summary>
internal sealed class GatingJudge(UpdateRun run, Func<DateTimeOffset> now, Action<UpdateRun, UpdaterEvent> publish) : IGatingJudge
{
    private readonly IExecutorInference _inference = ExecutorInference.For(run.Strategy);

    public bool RunningMeansHealthy(int instanceId, IObservedTask task)
    {
        var verdict = _inference.Infer(new InferenceInput(task.History, run.Settings, task.Spec.HealthCheck));
        var mode = verdict.RunningMeansHealthy ? GatingMode.HealthGated : GatingMode.WatchSecs;
        DateTimeOffset? deadline = mode == GatingMode.WatchSecs ? task.LatestEventAt.AddSeconds(run.Settings.WatchSecs) : null;
        if (!run.Decisions.TryGetValue(instanceId, out var last) || last.TaskId != task.Id || last.Mode != mode || last.WatchDeadline != deadline)
        {
            var reason = $"{run.Strategy.ShortName()}: {verdict.Evidence.Description}";
            var decision = new GatingDecisionMade(run.Key, now(), instanceId, task.Id, mode, reason, deadline);
            run.Decisions[instanceId] = decision;
            publish(run, decision);
        }

        return verdict.RunningMeansHealthy;
    }
}
