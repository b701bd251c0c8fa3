using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Xunit.Abstractions;

namespace Rollout.Emulator.Tests.Insight;

/// <summary>The ETA of real engine runs against the time the rest of the run actually took.</summary>
public class RecordedEtaTests(ITestOutputHelper output)
{
    // Mid-rollout instants (scenario seconds): batches have finished, more are to come.
    [Theory]
    [InlineData("healthy-rollout", 56)]
    [InlineData("mixed-executors", 80)]
    [InlineData("no-health-check", 41)]
    [InlineData("large-job", 206)]
    public void Eta_MidRollout_RangeHoldsTheActualRemainingTime(string scenario, int atSecs)
    {
        using var run = RecordedRun.Scenario(scenario);
        run.RunTo(atSecs);
        var eta = run.Insight().Eta;
        var end = run.RunToEnd();

        var actual = end - atSecs;
        output.WriteLine($"{scenario} at {atSecs} s: actual {actual:F0} s; {eta.Explanation}");
        Assert.Equal(EtaKind.Estimate, eta.Kind);
        Assert.InRange(actual, eta.Low!.Value.TotalSeconds, eta.High!.Value.TotalSeconds);
        Assert.False(eta.Suspended);
    }

    [Fact]
    public void Eta_FirstBatchInChecks_IsUnknownAndSaysWhy()
    {
        using var run = RecordedRun.Scenario("healthy-rollout");
        run.RunTo(15);

        var eta = run.Insight().Eta;

        Assert.Equal(EtaKind.Unknown, eta.Kind);
        Assert.Equal("no instance has finished yet and none of the 5 in flight counts down watch_secs; an estimate follows the first to finish", eta.Explanation);
    }

    [Fact]
    public void Eta_FailingHealthCheck_EstimatesTheRollbackOnceAnInstanceIsBack()
    {
        using var run = RecordedRun.Scenario("failing-health-check");
        Assert.True(run.RunUntil(() => run.Harness.Actions(run.Key).Any(a => a.Action == InstanceAction.InstanceRolledBack)));
        var at = RecordedRun.Secs(run.Now);
        var eta = run.Insight().Eta;
        var end = run.RunToEnd();

        output.WriteLine($"at {at} s: actual {end - at:F0} s; {eta.Explanation}");
        Assert.True(eta.Backward);
        Assert.StartsWith("rolling back: ", eta.Explanation, StringComparison.Ordinal);
        Assert.InRange(end - at, eta.Low!.Value.TotalSeconds, eta.High!.Value.TotalSeconds);
        Assert.Equal(EtaKind.Finished, run.Insight().Eta.Kind);
    }

    [Fact]
    public void Eta_Paused_CountsRollingTimeOnlyAndStillHoldsAfterTheResume()
    {
        using var run = RecordedRun.Scenario("mixed-executors");
        run.RunTo(80);
        var before = run.Insight().Eta;
        run.Harness.Engine.Control(ControlCommand.Pause, run.Key, "ops", "latency alarm");
        run.RunTo(380);
        var paused = run.Insight().Eta;
        run.Harness.Engine.Control(ControlCommand.Resume, run.Key, "ops", "alarm cleared");
        run.RunTo(381);
        var resumed = run.Insight().Eta;
        var end = run.RunToEnd();

        Assert.True(paused.Suspended);
        Assert.Null(paused.ExpectedFinish);
        Assert.StartsWith("paused by ops since 09:01:20: the estimate counts rolling time from when it resumes", paused.Explanation, StringComparison.Ordinal);
        // Five minutes paused did not make the remaining work look longer.
        Assert.True(paused.High <= before.High, $"{paused.High} vs {before.High}");
        Assert.Contains("5 min paused excluded", resumed.Explanation, StringComparison.Ordinal);
        Assert.InRange(end - 381, resumed.Low!.Value.TotalSeconds, resumed.High!.Value.TotalSeconds);
    }

    [Fact]
    public void Eta_CoordinatedPulseBlocked_SaysItAwaitsAPulse()
    {
        using var run = RecordedRun.Scenario("coordinated-pulse");
        run.RunTo(200);

        var eta = run.Insight().Eta;

        Assert.True(eta.Suspended);
        Assert.StartsWith("awaiting a pulse since ", eta.Explanation, StringComparison.Ordinal);
        Assert.Contains("coordinated: it rolls only while pulsed within every 30 s", eta.Explanation, StringComparison.Ordinal);
        Assert.Equal(5, eta.BatchesDone);
    }
}
