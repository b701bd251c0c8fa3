using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using static Rollout.Domain.Tests.Inference.History;

namespace Rollout.Domain.Tests.Inference;

/// <summary>Values this build does not know never make RUNNING count as healthy.</summary>
public class UnknownInputInferenceTests
{
    private static readonly HealthCheckConfig Hc = new();

    /// <summary>Everything S1, S2 and S3 would each take as health gating at once.</summary>
    private static readonly InferenceInput EveryGatingSign = new(
        Of(At(0, TaskState.Starting), At(20, TaskState.Running, "Task is healthy. capabilities:HEALTH_GATED_RUNNING")),
        new UpdateSettings { ExecutorDrivenUpdates = true, WatchSecs = 30 },
        Hc);

    [Theory]
    [InlineData(DetectionStrategy.Unknown)]
    [InlineData((DetectionStrategy)42)]
    public void For_UnknownStrategy_DecidesNothingWhateverTheEvidence(DetectionStrategy strategy)
    {
        var verdict = ExecutorInference.For(strategy).Infer(EveryGatingSign);

        Assert.Equal(DetectionStrategy.Unknown, verdict.Strategy);
        Assert.False(verdict.Determined);
        Assert.False(verdict.RunningMeansHealthy);
    }

    [Theory]
    [InlineData(DetectionStrategy.MessagePresence)]
    [InlineData(DetectionStrategy.Capabilities)]
    [InlineData(DetectionStrategy.SettingsBit)]
    public void For_KnownStrategy_IsThatStrategy(DetectionStrategy strategy)
    {
        Assert.Equal(strategy, ExecutorInference.For(strategy).Strategy);
        Assert.True(ExecutorInference.For(strategy).Infer(EveryGatingSign).RunningMeansHealthy);
    }

    [Fact]
    public void Evaluate_UnknownStrategyRunningInstance_IsUndeterminedNotHealthGated()
    {
        var verdict = ExecutorInference.For(DetectionStrategy.Unknown).Infer(EveryGatingSign);
        var facts = new InstanceFacts(TaskState.Running, T0.AddSeconds(20), null, ExecutorInference.Observe(EveryGatingSign), null);

        var result = GatingEvaluator.Evaluate(facts, verdict, EveryGatingSign.Settings, Hc, T0.AddSeconds(21));

        Assert.Equal(GatingMode.Undetermined, result.Mode);
        Assert.Null(result.WatchDeadline);
        Assert.Contains("not one this dashboard knows", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_VerdictOfAnUnknownStrategyClaimingHealthy_IsStillUndetermined()
    {
        var claims = new InferenceVerdict(DetectionStrategy.Unknown, ExecutorVersion.VCurrent, true, new Evidence("says so"));
        var facts = new InstanceFacts(TaskState.Running, T0, null, claims, null);

        var result = GatingEvaluator.Evaluate(facts, claims, new UpdateSettings { WatchSecs = 30 }, Hc, T0.AddSeconds(1));

        Assert.Equal(GatingMode.Undetermined, result.Mode);
    }

    [Theory]
    [InlineData("Task is healthy. capabilities:health_gated_running")]
    [InlineData("Task is healthy. capabilities:HEALTH-GATED-RUNNING")]
    [InlineData("Task is healthy. CAPABILITIES:HEALTH_GATED_RUNNING")]
    public void S2_NonCanonicalCapability_NeverGates(string message)
    {
        var input = new InferenceInput(Of(At(0, TaskState.Starting), At(20, TaskState.Running, message)), new UpdateSettings(), Hc);

        var verdict = ExecutorInference.S2.Infer(input);
        var result = GatingEvaluator.Evaluate(new InstanceFacts(TaskState.Running, T0.AddSeconds(20), null, verdict, null), verdict,
            input.Settings, Hc, T0.AddSeconds(21));

        Assert.False(verdict.RunningMeansHealthy);
        Assert.Equal(GatingMode.WatchSecs, result.Mode);
    }

    [Fact]
    public void DisplayName_UnknownValues_ShowTheNumberAsSent()
    {
        Assert.Equal("UNKNOWN(17)", TaskState.Unknown.DisplayName(17));
        Assert.Equal("RUNNING", TaskState.Running.DisplayName(null));
        Assert.Equal("UNKNOWN(7)", DetectionStrategy.Unknown.DisplayName(7));
        Assert.Equal("S2", DetectionStrategy.Capabilities.DisplayName(null));
        Assert.Equal("UNKNOWN(0)", new TaskStatusUpdate("t", Job, 0, TaskState.Unknown, "", T0, StatusSource.Executor, "h", null, 0).StateName());
    }
}
