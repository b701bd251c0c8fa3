using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Gating;

/// <summary>The facts about one instance's new task that gating depends on.</summary>
/// <param name="TaskState">The new task's state, or null before it exists.</param>
/// <param name="LatestTaskEventAt">When the new task's latest status update happened.</param>
public sealed record InstanceFacts(
    TaskState? TaskState,
    DateTimeOffset? LatestTaskEventAt,
    HealthCheckProgress? Progress,
    InferenceVerdict Observed,
    UpdaterGatingDecision? UpdaterDecision);

/// <summary>The effective gating of one instance, why, for how much longer, and what is dangerous about it.</summary>
public sealed record GatingAssessment(
    GatingMode Mode,
    string Reason,
    TimeSpan? WatchRemaining,
    DateTimeOffset? WatchDeadline,
    HealthCheckProgress? Progress,
    GatingMode EvidenceMode,
    IReadOnlyList<Hazard> Hazards);

public static class GatingEvaluator
{
    /// <param name="verdict">The verdict of the strategy the updater uses: it decides the effective mode.</param>
    public static GatingAssessment Evaluate(
        InstanceFacts facts,
        InferenceVerdict verdict,
        UpdateSettings settings,
        HealthCheckConfig? healthCheck,
        DateTimeOffset now)
    {
        var strategy = verdict.Strategy.ShortName();
        var watch = TimeSpan.FromSeconds(settings.WatchSecs);
        GatingMode mode;
        string reason;
        TimeSpan? remaining = null;
        DateTimeOffset? deadline = null;

        if (verdict.Strategy is not (DetectionStrategy.MessagePresence or DetectionStrategy.Capabilities or DetectionStrategy.SettingsBit))
        {
            // Whatever such a verdict claims: with no strategy this build knows, nothing gates.
            mode = GatingMode.Undetermined;
            reason = $"{strategy}: the update's detection strategy is not one this dashboard knows; gating cannot be decided, RUNNING is not taken as healthy";
        }
        else if (!verdict.Determined)
        {
            mode = GatingMode.Undetermined;
            reason = $"{strategy}: {verdict.Evidence.Description}; executor version not known yet";
        }
        else if (verdict.RunningMeansHealthy)
        {
            mode = GatingMode.HealthGated;
            reason = $"{strategy}: {verdict.Evidence.Description}; RUNNING counts as healthy, watch_secs skipped";
        }
        else
        {
            mode = GatingMode.WatchSecs;
            reason = $"{strategy}: {verdict.Evidence.Description}; must stay RUNNING for watch_secs={settings.WatchSecs}";
            if (facts.TaskState == TaskState.Running && facts.LatestTaskEventAt is { } since)
            {
                deadline = since.SaturatingAdd(watch);
                remaining = Clamp(deadline.Value - now, watch);
            }
            else
            {
                remaining = watch;
            }
        }

        var evidenceMode = EvidenceMode(facts.Observed, healthCheck);
        var hazards = FindHazards(facts, settings, healthCheck, mode, evidenceMode);
        return new GatingAssessment(mode, reason, remaining, deadline, facts.Progress, evidenceMode, hazards);
    }

    /// <summary>What the instance's own messages say gating should be, ignoring the update's strategy.</summary>
    public static GatingMode EvidenceMode(InferenceVerdict observed, HealthCheckConfig? healthCheck) => observed.Version switch
    {
        ExecutorVersion.VCurrent when healthCheck is not null => GatingMode.HealthGated,
        ExecutorVersion.VCurrent or ExecutorVersion.VPrev => GatingMode.WatchSecs,
        _ => GatingMode.Undetermined,
    };

    /// <summary>Clamped to [0, watch] whatever the clocks say.</summary>
    private static TimeSpan Clamp(TimeSpan value, TimeSpan watch) =>
        value < TimeSpan.Zero ? TimeSpan.Zero : value > watch ? watch : value;

    private static List<Hazard> FindHazards(
        InstanceFacts facts,
        UpdateSettings settings,
        HealthCheckConfig? healthCheck,
        GatingMode mode,
        GatingMode evidenceMode)
    {
        var hazards = new List<Hazard>();
        var observedPrev = facts.Observed.Version == ExecutorVersion.VPrev;

        if (settings.WatchSecs == 0)
        {
            var trustworthyGating = mode == GatingMode.HealthGated && !observedPrev && healthCheck is not null;
            if (mode == GatingMode.WatchSecs || (mode == GatingMode.HealthGated && !trustworthyGating))
            {
                hazards.Add(new Hazard(HazardKind.WatchSecsZeroWithoutGating,
                    "watch_secs = 0 and RUNNING is not health-gated here: the instance counts as updated the moment it is RUNNING"));
            }
        }

        if (settings.ExecutorDrivenUpdates && observedPrev)
        {
            hazards.Add(new Hazard(HazardKind.SettingsBitWithPrevExecutor,
                "executorDrivenUpdates is set but this instance runs a vPrev executor: its RUNNING does not mean healthy"));
        }

        if (facts.UpdaterDecision is { } decision && evidenceMode != GatingMode.Undetermined
            && decision.Mode != GatingMode.Undetermined && decision.Mode != evidenceMode)
        {
            hazards.Add(new Hazard(HazardKind.UpdaterDisagreesWithEvidence,
                $"the updater chose {decision.Mode.WireName()} but the instance's evidence says {evidenceMode.WireName()}"));
        }

        return hazards;
    }
}
