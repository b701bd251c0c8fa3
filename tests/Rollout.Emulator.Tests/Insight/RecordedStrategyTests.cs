using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Emulator.Tests.Insight;

/// <summary>S1, S2 and S3 on real engine runs, against what the updater decided and which executor each task ran on.</summary>
public class RecordedStrategyTests
{
    [Theory]
    [InlineData("mixed-executors")]
    [InlineData("settings-bit-mismatch")]
    [InlineData("healthy-rollout")]
    [InlineData("no-health-check")]
    [InlineData("late-crash")]
    [InlineData("large-job")]
    public void Compare_TheUpdatesOwnStrategy_DecidesWhatTheUpdaterDecided(string scenario)
    {
        using var run = RecordedRun.Scenario(scenario);
        run.RunToEnd();

        var comparison = run.Insight().Strategies;

        Assert.NotEmpty(comparison.Instances);
        Assert.All(comparison.Instances.Where(r => r.UpdaterMode is not null), r => Assert.Equal(r.UpdaterMode, r.For(comparison.Used).Mode));
    }

    [Fact]
    public void Compare_SettingsBitMismatch_S3TrustsExactlyTheVPrevInstancesUnsafely()
    {
        using var run = RecordedRun.Scenario("settings-bit-mismatch");
        run.RunToEnd();
        var executors = run.Harness.Engine.HostExecutors();
        var hostOf = run.Harness.StatusUpdates().Select(e => e.Item).Where(u => u.Host.Length > 0)
            .GroupBy(u => u.TaskId).ToDictionary(g => g.Key, g => g.Last().Host);

        var comparison = run.Insight().Strategies;

        foreach (var row in comparison.Instances)
        {
            var vPrev = executors[hostOf[row.TaskId]] == ExecutorVersion.VPrev;
            Assert.Equal(vPrev, row.S3.Unsafe);
            Assert.Equal(vPrev ? GatingMode.WatchSecs : GatingMode.HealthGated, row.S2.Mode);
            Assert.Equal(vPrev, row.Differ);
        }

        Assert.Equal(comparison.Instances.Count(r => r.S3.Unsafe), comparison.TotalsFor(DetectionStrategy.SettingsBit).Unsafe);
        Assert.InRange(comparison.Disagreements, 1, comparison.Instances.Count - 1);
    }

    [Fact]
    public void Compare_MixedExecutors_S3WithoutTheBitWouldWaitOnEveryInstance()
    {
        using var run = RecordedRun.Scenario("mixed-executors");
        run.RunToEnd();

        var comparison = run.Insight().Strategies;

        var s2 = comparison.TotalsFor(DetectionStrategy.Capabilities);
        var s3 = comparison.TotalsFor(DetectionStrategy.SettingsBit);
        Assert.Equal((0, 20), (s3.HealthGated, s3.WatchSecs));
        Assert.Equal(TimeSpan.FromSeconds(30) * 20, s3.WatchWait);
        Assert.Equal(TimeSpan.FromSeconds(30) * s2.WatchSecs, s2.WatchWait);
        Assert.Equal(s2.HealthGated, comparison.Disagreements);
        Assert.Equal(s3.TimeToCounted - s2.TimeToCounted, TimeSpan.FromSeconds(30) * s2.HealthGated);
        Assert.Equal(comparison.TotalsFor(DetectionStrategy.MessagePresence) with { Strategy = DetectionStrategy.Capabilities }, s2);
    }
}
