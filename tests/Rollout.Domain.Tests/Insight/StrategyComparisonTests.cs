using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using static Rollout.Domain.Tests.Insight.LogScript;

namespace Rollout.Domain.Tests.Insight;

public class StrategyComparisonTests
{
    private static readonly UpdateSettings Batch2 = new() { Strategy = UpdateStrategyKind.Batch, GroupSize = 2, WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 1 };

    [Fact]
    public void Compare_VCurrentExecutorWithoutBit_S1S2GateAndS3Waits()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Gated(0, 0);

        var c = s.Build(20).Strategies;
        var row = Assert.Single(c.Instances);

        Assert.Equal((GatingMode.HealthGated, GatingMode.HealthGated, GatingMode.WatchSecs), (row.S1.Mode, row.S2.Mode, row.S3.Mode));
        Assert.True(row.Differ);
        Assert.Equal(GatingMode.HealthGated, row.EvidenceMode);
        Assert.Equal(GatingMode.HealthGated, row.UpdaterMode);
        Assert.Equal(s.TaskOf(0), row.TaskId);
        Assert.Equal(1, c.Disagreements);
        Assert.Equal(DetectionStrategy.Capabilities, c.Used);
    }

    [Fact]
    public void Compare_EvidenceTimes_S1AndS2AtRunningS3AtTheUpdatesStart()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Gated(0, 0);

        var row = s.Build(20).Strategies.Instances[0];

        // The new task's first event is PENDING at 2 s; RUNNING with its message at 11 s.
        Assert.Equal((At(11), TimeSpan.FromSeconds(9)), (row.S1.EvidenceAt!.Value, row.S1.EvidenceAfterTaskStart!.Value));
        Assert.Equal(At(11), row.S2.EvidenceAt);
        Assert.Equal((At(0), TimeSpan.Zero), (row.S3.EvidenceAt!.Value, row.S3.EvidenceAfterTaskStart!.Value));
        Assert.Contains("HEALTH_GATED_RUNNING", row.S2.Evidence, StringComparison.Ordinal);
        Assert.Equal("executorDrivenUpdates bit not set", row.S3.Evidence);
    }

    [Fact]
    public void Compare_Cost_WatchSecsOnTopOfTheObservedGate()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Gated(0, 0);

        var c = s.Build(20).Strategies;
        var row = c.Instances[0];

        Assert.Equal(TimeSpan.FromSeconds(7), row.StartToRunning);
        Assert.Equal(TimeSpan.FromSeconds(7), row.S2.TimeToCounted);
        Assert.Equal(TimeSpan.FromSeconds(37), row.S3.TimeToCounted);
        Assert.Equal(TimeSpan.FromSeconds(30), c.TotalsFor(DetectionStrategy.SettingsBit).WatchWait);
        Assert.Equal(TimeSpan.Zero, c.TotalsFor(DetectionStrategy.Capabilities).WatchWait);
    }

    [Fact]
    public void Compare_BitSetOnVPrevExecutor_S3TrustsRunningUnsafely()
    {
        var s = new LogScript().Start(Batch2 with { ExecutorDrivenUpdates = true }, 1, DetectionStrategy.SettingsBit);
        s.Watched(0, 0);

        var c = s.Build(40).Strategies;
        var row = c.Instances[0];

        Assert.Equal((GatingMode.WatchSecs, GatingMode.WatchSecs, GatingMode.HealthGated), (row.S1.Mode, row.S2.Mode, row.S3.Mode));
        Assert.True(row.S3.Unsafe);
        Assert.False(row.S1.Unsafe);
        Assert.Equal(1, c.TotalsFor(DetectionStrategy.SettingsBit).Unsafe);
        Assert.Contains("S3: HEALTH_GATED (unsafe)", row.Describe(), StringComparison.Ordinal);
        Assert.Contains("1 trusted unsafely", c.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NoHealthCheck_EveryStrategyWaits()
    {
        var s = new LogScript().Start(Batch2 with { ExecutorDrivenUpdates = true }, 1, noHealthCheck: true);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Task(6, 0, TaskState.Running,
            "No health-check defined, task is assumed healthy. capabilities:HEALTH_GATED_RUNNING,HEALTH_CHECK_PROGRESS,GRACEFUL_SHUTDOWN");

        var row = s.Build(10).Strategies.Instances[0];

        Assert.All(row.Verdicts, v => Assert.Equal(GatingMode.WatchSecs, v.Mode));
        Assert.False(row.Differ);
    }

    [Fact]
    public void Compare_BeforeRunning_S1AndS2AreUndecidedAndDoNotCountAsDisagreeing()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting);

        var c = s.Build(5).Strategies;
        var row = Assert.Single(c.Instances);

        Assert.Equal((GatingMode.Undetermined, GatingMode.Undetermined), (row.S1.Mode, row.S2.Mode));
        Assert.False(row.Differ);
        Assert.Null(row.S3.TimeToCounted);
        Assert.Equal(1, c.TotalsFor(DetectionStrategy.MessagePresence).Undetermined);
    }

    [Fact]
    public void Compare_MixedUpdate_TotalsPerStrategy()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Gated(0, 0);
        s.Watched(0, 1);

        var c = s.Build(40).Strategies;
        var s2 = c.TotalsFor(DetectionStrategy.Capabilities);
        var s3 = c.TotalsFor(DetectionStrategy.SettingsBit);

        Assert.Equal((1, 1, 0), (s2.HealthGated, s2.WatchSecs, s2.Undetermined));
        Assert.Equal((0, 2), (s3.HealthGated, s3.WatchSecs));
        Assert.Equal(TimeSpan.FromSeconds(7 + 2 + 30), s2.TimeToCounted);
        Assert.Equal(TimeSpan.FromSeconds(7 + 30 + 2 + 30), s3.TimeToCounted);
        Assert.StartsWith("2 instance(s) compared; the update uses S2; they differ on 1", c.Summary, StringComparison.Ordinal);
    }
}
