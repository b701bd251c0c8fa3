using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>How the updater gates an instance's current task, and when its watch_secs ends.</summary>
internal static class Gates
{
    /// <summary>
    /// The updater's decision for the current task; before it has one (a paused or blocked update does
    /// not evaluate), what the update's own detection strategy says once the task is RUNNING.
    /// </summary>
    public static GatingMode ModeOf(FoldState state, InstanceTrack track)
    {
        if (track.CurrentDecision is { } decision) return decision.Mode;
        if (track.TaskState != TaskState.Running || state.Started is not { } started) return GatingMode.Undetermined;
        var rollbackTask = track.BackStart is { } back && track.FirstAt >= back;
        var healthCheck = rollbackTask ? started.InitialConfig?.HealthCheck : started.DesiredConfig?.HealthCheck;
        var verdict = ExecutorInference.For(started.DetectionStrategy).Infer(new InferenceInput(track.History, state.Settings, healthCheck));
        return !verdict.Determined ? GatingMode.Undetermined : verdict.RunningMeansHealthy ? GatingMode.HealthGated : GatingMode.WatchSecs;
    }

    /// <summary>
    /// When a RUNNING task under watch_secs counts as updated: the updater's deadline, else its latest
    /// event + watch_secs (Aurora's rule). Null when it is not RUNNING or is health-gated.
    /// </summary>
    public static DateTimeOffset? WatchDeadline(FoldState state, InstanceTrack track)
    {
        if (track.TaskPhase != InstancePhase.Watching || ModeOf(state, track) == GatingMode.HealthGated) return null;
        return track.CurrentDecision?.WatchDeadline ?? track.LastAt.SaturatingAdd(TimeSpan.FromSeconds(state.Settings.WatchSecs));
    }
}
