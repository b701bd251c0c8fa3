using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using static Rollout.Domain.Tests.Inference.History;

namespace Rollout.Domain.Tests.Gating;

public class GatingEvaluatorTests
{
    private static readonly HealthCheckConfig Hc = new();
    private static readonly InferenceVerdict VCurrentObserved = new(DetectionStrategy.Capabilities, ExecutorVersion.VCurrent, true, new Evidence("caps"));
    private static readonly InferenceVerdict VPrevObserved = new(DetectionStrategy.MessagePresence, ExecutorVersion.VPrev, false, new Evidence("no message"));
    private static readonly InferenceVerdict UnknownObserved = new(DetectionStrategy.Capabilities, ExecutorVersion.Unknown, false, new Evidence("nothing yet"));

    private static InstanceFacts RunningSince(int seconds, InferenceVerdict observed, UpdaterGatingDecision? decision = null) =>
        new(TaskState.Running, T0.AddSeconds(seconds), null, observed, decision);

    [Fact]
    public void Evaluate_GatedVerdict_IsHealthGatedWithoutCountdown()
    {
        var result = GatingEvaluator.Evaluate(RunningSince(0, VCurrentObserved), VCurrentObserved, new UpdateSettings { WatchSecs = 30 }, Hc, T0.AddSeconds(5));

        Assert.Equal(GatingMode.HealthGated, result.Mode);
        Assert.Null(result.WatchRemaining);
        Assert.Empty(result.Hazards);
        Assert.Contains("watch_secs skipped", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_WatchVerdictWhileRunning_CountsDown()
    {
        var result = GatingEvaluator.Evaluate(RunningSince(0, VPrevObserved), VPrevObserved, new UpdateSettings { WatchSecs = 30 }, Hc, T0.AddSeconds(12));

        Assert.Equal(GatingMode.WatchSecs, result.Mode);
        Assert.Equal(TimeSpan.FromSeconds(18), result.WatchRemaining);
        Assert.Equal(T0.AddSeconds(30), result.WatchDeadline);
    }

    [Theory]
    [InlineData(-100, 30)] // clock behind the event: never more than watch_secs
    [InlineData(500, 0)]   // long past the deadline: never negative
    public void Evaluate_SkewedClock_ClampsRemaining(int nowSeconds, int expectedRemaining)
    {
        var result = GatingEvaluator.Evaluate(RunningSince(0, VPrevObserved), VPrevObserved, new UpdateSettings { WatchSecs = 30 }, Hc, T0.AddSeconds(nowSeconds));

        Assert.Equal(TimeSpan.FromSeconds(expectedRemaining), result.WatchRemaining);
    }

    [Fact]
    public void Evaluate_WatchVerdictBeforeRunning_ShowsFullWatch()
    {
        var facts = new InstanceFacts(TaskState.Starting, T0, null, VPrevObserved, null);

        var result = GatingEvaluator.Evaluate(facts, VPrevObserved, new UpdateSettings { WatchSecs = 45 }, Hc, T0.AddSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(45), result.WatchRemaining);
        Assert.Null(result.WatchDeadline);
    }

    [Fact]
    public void Evaluate_UndeterminedVerdict_SaysWhy()
    {
        var facts = new InstanceFacts(TaskState.Starting, T0, new HealthCheckProgress(1, 0, 2, 5, 2, 2), UnknownObserved, null);

        var result = GatingEvaluator.Evaluate(facts, UnknownObserved, new UpdateSettings { WatchSecs = 0 }, Hc, T0);

        Assert.Equal(GatingMode.Undetermined, result.Mode);
        Assert.Equal("1/2 passes, 3 attempts left", result.Progress!.ToString());
        Assert.Empty(result.Hazards);
    }

    [Fact]
    public void Evaluate_WatchZeroOnVPrev_FlagsNoProtection()
    {
        var result = GatingEvaluator.Evaluate(RunningSince(0, VPrevObserved), VPrevObserved, new UpdateSettings { WatchSecs = 0 }, Hc, T0);

        Assert.Contains(result.Hazards, h => h.Kind == HazardKind.WatchSecsZeroWithoutGating);
    }

    [Fact]
    public void Evaluate_WatchZeroWithRealGating_IsNoHazard()
    {
        var result = GatingEvaluator.Evaluate(RunningSince(0, VCurrentObserved), VCurrentObserved, new UpdateSettings { WatchSecs = 0 }, Hc, T0);

        Assert.Empty(result.Hazards);
    }

    [Fact]
    public void Evaluate_SettingsBitOnVPrev_FlagsBitAndMissingProtection()
    {
        var settings = new UpdateSettings { WatchSecs = 0, ExecutorDrivenUpdates = true };
        var s3 = ExecutorInference.S3.Infer(new([], settings, Hc));

        var result = GatingEvaluator.Evaluate(RunningSince(0, VPrevObserved), s3, settings, Hc, T0);

        Assert.Equal(GatingMode.HealthGated, result.Mode);
        Assert.Equal(GatingMode.WatchSecs, result.EvidenceMode);
        Assert.Contains(result.Hazards, h => h.Kind == HazardKind.SettingsBitWithPrevExecutor);
        Assert.Contains(result.Hazards, h => h.Kind == HazardKind.WatchSecsZeroWithoutGating);
    }

    [Fact]
    public void Evaluate_UpdaterDecisionAgainstEvidence_FlagsDisagreement()
    {
        var decision = new UpdaterGatingDecision(GatingMode.HealthGated, "S3 bit", T0, null);

        var result = GatingEvaluator.Evaluate(RunningSince(0, VPrevObserved, decision), VPrevObserved, new UpdateSettings { WatchSecs = 30 }, Hc, T0);

        var hazard = Assert.Single(result.Hazards);
        Assert.Equal(HazardKind.UpdaterDisagreesWithEvidence, hazard.Kind);
        Assert.Equal("UPDATER_DISAGREES_WITH_EVIDENCE", hazard.Code);
    }

    [Fact]
    public void Evaluate_UpdaterDecisionMatchingEvidence_IsNoHazard()
    {
        var decision = new UpdaterGatingDecision(GatingMode.HealthGated, "S2", T0, null);

        var result = GatingEvaluator.Evaluate(RunningSince(0, VCurrentObserved, decision), VCurrentObserved, new UpdateSettings { WatchSecs = 30 }, Hc, T0);

        Assert.Empty(result.Hazards);
    }

    [Fact]
    public void EvidenceMode_VCurrentWithoutHealthCheck_IsWatchSecs()
    {
        Assert.Equal(GatingMode.WatchSecs, GatingEvaluator.EvidenceMode(VCurrentObserved, null));
        Assert.Equal(GatingMode.HealthGated, GatingEvaluator.EvidenceMode(VCurrentObserved, Hc));
        Assert.Equal(GatingMode.Undetermined, GatingEvaluator.EvidenceMode(UnknownObserved, Hc));
    }
}
