using Rollout.Domain.Capabilities;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>Turns an instance's folded facts into what the dashboard shows. Pure.</summary>
internal static class InstanceProjector
{
    public static InstanceView Project(UpdateState update, InstanceState instance, TaskTrack? track, DateTimeOffset upstreamNow)
    {
        var settings = update.Started?.Settings ?? new UpdateSettings();
        var backward = update.Status.IsBackward();
        var config = backward ? update.Started?.InitialConfig : update.Started?.DesiredConfig;
        var healthCheck = config?.HealthCheck;
        var strategy = update.Started?.DetectionStrategy ?? DetectionStrategy.Capabilities;

        // Only the task started for this update speaks for it; an older task is the old config.
        var history = track is not null && track.FirstSeen >= update.Created ? track.History : [];
        var latest = history.Count == 0 ? null : history[^1];
        var input = new InferenceInput(history, settings, healthCheck);
        var observed = ExecutorInference.Observe(input);
        var verdicts = ExecutorInference.All.Select(s => (Strategy: s.Strategy, Verdict: s.Infer(input))).ToList();
        var used = verdicts.First(v => v.Strategy == strategy).Verdict;

        var decision = instance.Decision is { } d && d.TaskId == latest?.TaskId
            ? new UpdaterGatingDecision(d.Mode, d.Reason, d.Timestamp, d.WatchDeadline)
            : null;
        var progress = history.LastOrDefault(h => h.HealthCheck is not null)?.HealthCheck;
        var facts = new InstanceFacts(latest?.State, latest?.Timestamp, progress, observed, decision);
        var assessment = GatingEvaluator.Evaluate(facts, used, settings, healthCheck, upstreamNow);
        var capabilities = history.Select(h => CapabilityParser.Parse(h.Message)).LastOrDefault(c => c.Advertised) ?? CapabilitySet.None;
        var failures = track?.Ended.Count(e => e.State is TaskState.Failed or TaskState.Lost && e.At >= update.Created) ?? 0;

        return new InstanceView(
            instance.Id,
            latest?.TaskId ?? string.Empty,
            latest?.State,
            latest?.Host ?? track?.Latest?.Host ?? string.Empty,
            observed.Version,
            capabilities.Known.Select(c => c.WireName()).ToArray(),
            capabilities.Unknown,
            HealthOf(latest, observed.Version, healthCheck),
            progress,
            assessment.Mode,
            assessment.Reason,
            settings.WatchSecs,
            assessment.WatchRemaining is { } remaining ? (long)remaining.TotalMilliseconds : null,
            instance.Decision?.Mode,
            instance.Decision?.Reason ?? string.Empty,
            assessment.Hazards.Select(h => new HazardView(h.Code, h.Description)).ToArray(),
            instance.Action?.Action,
            failures,
            verdicts.Select(v => new VerdictView(v.Strategy, v.Verdict.Version, v.Verdict.RunningMeansHealthy,
                v.Verdict.Evidence.Description, v.Verdict.Evidence.At, v.Verdict.Assumed, v.Strategy == strategy)).ToArray());
    }

    public static HealthState HealthOf(TaskStatusUpdate? latest, ExecutorVersion executor, HealthCheckConfig? healthCheck)
    {
        if (latest is null) return HealthState.NotStarted;
        if (latest.State == TaskState.Failed && latest.Message.StartsWith(ExecutorMessages.FailedHealthCheckPrefix, StringComparison.Ordinal))
            return HealthState.Failed;
        if (latest.State.IsTerminal() || latest.State == TaskState.Killing) return HealthState.Ended;
        if (healthCheck is null) return HealthState.NoHealthCheck;
        return latest.State switch
        {
            TaskState.Running => executor == ExecutorVersion.VCurrent ? HealthState.Healthy : HealthState.Unverified,
            TaskState.Starting when latest.HealthCheck is not null => HealthState.Checking,
            _ => HealthState.NotStarted,
        };
    }
}
