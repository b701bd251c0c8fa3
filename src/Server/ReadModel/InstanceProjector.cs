using Rollout.Domain.Capabilities;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>What an update contributes to projecting any of its instances.</summary>
internal sealed record UpdateContext(UpdateStarted? Started, UpdateStatus Status, DateTimeOffset Created);

/// <summary>Turns an instance's folded facts into what the dashboard shows. Pure.</summary>
internal static class InstanceProjector
{
    private const int MaxMessageChars = 64 * 1024;

    /// <summary>The compact row for the grid and table.</summary>
    public static InstanceView Row(UpdateContext update, int id, InstanceState instance, TaskTrack? track) =>
        Evaluate(update, id, instance, track).Row;

    /// <summary>The row plus why: reasons, verdicts with evidence, hazards described, and the task's timeline.</summary>
    public static InstanceDetail Detail(string updateKey, UpdateContext update, int id, InstanceState instance, TaskTrack? track)
    {
        var p = Evaluate(update, id, instance, track);
        var timeline = p.Events.Select(h => new TaskEventView(
            h.TaskId, h.State, Cap(h.Message), h.Message.Length, h.Timestamp, h.Source, h.Host, h.HealthCheck, h.UnknownState)).ToArray();
        return new InstanceDetail(
            updateKey,
            p.Row,
            p.Assessment.Reason,
            DecisionReason(instance.Decision),
            p.Assessment.Hazards.Select(h => new HazardView(h.Code, h.Description)).ToArray(),
            p.Verdicts,
            timeline);
    }

    /// <summary>The gating reason alone, for the JSON API.</summary>
    public static string Reason(UpdateContext update, int id, InstanceState instance, TaskTrack? track) =>
        Evaluate(update, id, instance, track).Assessment.Reason;

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

    private static Projection Evaluate(UpdateContext update, int id, InstanceState instance, TaskTrack? track)
    {
        var settings = update.Started?.Settings ?? new UpdateSettings();
        var config = update.Status.IsBackward() ? update.Started?.InitialConfig : update.Started?.DesiredConfig;
        var healthCheck = config?.HealthCheck;
        var strategy = update.Started?.DetectionStrategy ?? DetectionStrategy.Capabilities;

        // Only the task started for this update speaks for it; an older task is the old config.
        IReadOnlyList<TaskStatusUpdate> events = track is not null && track.FirstSeen >= update.Created ? track.History : [];

        // An event whose state this build does not know is shown in the timeline; nothing else reads it,
        // so the instance keeps its last known state and no evidence comes from it.
        var history = KnownStates(events);
        var taskId = events.Count == 0 ? null : events[^1].TaskId;
        var latest = history.Count == 0 ? null : history[^1];
        var input = new InferenceInput(history, settings, healthCheck);
        var observed = ExecutorInference.Observe(input);
        var verdicts = ExecutorInference.All.Select(s => (s.Strategy, Verdict: s.Infer(input))).ToList();

        // A strategy this build does not know decides nothing (undetermined, never health-gated).
        var used = verdicts.Exists(v => v.Strategy == strategy)
            ? verdicts.First(v => v.Strategy == strategy).Verdict
            : ExecutorInference.For(strategy).Infer(input);

        var decision = instance.Decision is { } d && d.TaskId == taskId
            ? new UpdaterGatingDecision(d.Mode, d.Reason, d.Timestamp, d.WatchDeadline)
            : null;
        HealthCheckProgress? progress = null;
        for (var i = history.Count - 1; i >= 0 && progress is null; i--) progress = history[i].HealthCheck;
        var facts = new InstanceFacts(latest?.State, latest?.Timestamp, progress, observed, decision);

        // The row carries the deadline, not the time left, so the evaluation's "now" does not matter to it.
        var assessment = GatingEvaluator.Evaluate(facts, used, settings, healthCheck, latest?.Timestamp ?? update.Created);
        var capabilities = CapabilitySet.None;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var parsed = CapabilityParser.Parse(history[i].Message);
            if (parsed.Advertised)
            {
                capabilities = parsed;
                break;
            }
        }

        var failures = track?.Ended.Count(e => e.State is TaskState.Failed or TaskState.Lost && e.At >= update.Created) ?? 0;
        var row = new InstanceView(
            id,
            taskId ?? string.Empty,
            latest?.State,
            latest?.Host ?? track?.Latest?.Host ?? string.Empty,
            observed.Version,
            capabilities.Known.Count == 0 ? [] : capabilities.Known.Select(c => c.WireName()).ToArray(),
            capabilities.Unknown,
            HealthOf(latest, observed.Version, healthCheck),
            progress,
            assessment.Mode,
            assessment.WatchDeadline,
            instance.Decision?.Mode,
            assessment.Hazards.Count == 0 ? [] : assessment.Hazards.Select(h => h.Code).ToArray(),
            instance.Action?.Action,
            failures);
        var verdictViews = verdicts.Select(v => new VerdictView(v.Strategy, v.Verdict.Version, v.Verdict.RunningMeansHealthy,
            v.Verdict.Evidence.Description, v.Verdict.Evidence.At, v.Verdict.Assumed, v.Strategy == strategy)).ToArray();
        return new Projection(row, assessment, verdictViews, events);
    }

    private static IReadOnlyList<TaskStatusUpdate> KnownStates(IReadOnlyList<TaskStatusUpdate> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (!events[i].HasKnownState()) return events.Where(e => e.HasKnownState()).ToArray();
        }

        return events;
    }

    private static string DecisionReason(GatingDecisionMade? decision) => decision switch
    {
        null => string.Empty,
        { UnknownMode: not null } => $"{decision.ModeName()} is not a gating mode this dashboard knows; shown as {decision.Mode.WireName()}. {decision.Reason}".TrimEnd(),
        _ => decision.Reason,
    };

    private static string Cap(string message) => message.Length <= MaxMessageChars ? message : message[..MaxMessageChars];

    /// <param name="Events">The task's timeline, states this build does not know included.</param>
    private sealed record Projection(InstanceView Row, GatingAssessment Assessment, VerdictView[] Verdicts, IReadOnlyList<TaskStatusUpdate> Events);
}
