using Rollout.Domain.Gating;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using static Rollout.Domain.Tests.Insight.LogScript;

namespace Rollout.Domain.Tests.Insight;

public class EtaTests
{
    private static readonly UpdateSettings Batch2 = new() { Strategy = UpdateStrategyKind.Batch, GroupSize = 2, WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 1 };

    private static void AssertRange(UpdateEta eta, double low, double expected, double high)
    {
        Assert.Equal(EtaKind.Estimate, eta.Kind);
        Assert.Equal((low, expected, high), (eta.Low!.Value.TotalSeconds, eta.Expected!.Value.TotalSeconds, eta.High!.Value.TotalSeconds));
    }

    [Fact]
    public void Estimate_NothingFinishedNorWatching_IsUnknownAndSaysWhy()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Begin(0, 1).Task(4, 0, TaskState.Starting);

        var eta = s.Build(5).Eta;

        Assert.Equal(EtaKind.Unknown, eta.Kind);
        Assert.Null(eta.Expected);
        Assert.Contains("no instance has finished yet", eta.Explanation, StringComparison.Ordinal);
        Assert.Equal(4, eta.InstancesLeft);
    }

    [Fact]
    public void Estimate_NoBatchFinishedButWatching_UsesTheWatchDeadlines()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Watched(0, 0, finish: false);
        s.Watched(0, 1, finish: false);

        var eta = s.Build(10).Eta;

        // The batch in flight ends at 36 s (26 s from now); the next batch of two is taken to last 36 s too.
        AssertRange(eta, 62, 62, 62);
        Assert.Contains("no batch finished yet", eta.Explanation, StringComparison.Ordinal);
        Assert.Contains("watch_secs", eta.Explanation, StringComparison.Ordinal);
        Assert.Equal(s.Build(10).AsOf.AddSeconds(62), eta.ExpectedFinish);
    }

    [Fact]
    public void Estimate_OneBatchFinished_ProjectsItOntoEachBatchLeft()
    {
        var s = new LogScript().Start(Batch2, 6);
        s.Watched(0, 0);
        s.Watched(0, 1);
        s.Begin(36, 2).Begin(36, 3).Task(40, 2, TaskState.Starting).Task(40, 3, TaskState.Starting);

        var eta = s.Build(45).Eta;

        // In flight 9 s of the 36 s instances take: 27 s more; then one batch of 36 s.
        AssertRange(eta, 63, 63, 63);
        Assert.Equal((1, 2, 4), (eta.BatchesDone, eta.BatchesLeft, eta.InstancesLeft));
        Assert.StartsWith("1 of 3 batches done; batches took 36 s (median 36 s); 2 left → 63 s", eta.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_ManyBatchesFinished_RangesOverTheirSpread()
    {
        var s = new LogScript().Start(Batch2 with { GroupSize = 1 }, 10);
        var t = 0.0;
        for (var i = 0; i < 6; i++) t = i % 2 == 0 ? s.Gated(t, i) : s.Watched(t, i);
        s.Begin(t, 6);

        var eta = s.Build(t + 2).Eta;

        // Batches took 11 s or 36 s (10th/50th/90th percentile 11/23.5/36 s), three to come; the one in flight has run 2 s
        // of the 11 or 36 s an instance takes (9/21.5/34 s more).
        AssertRange(eta, 9 + 33, 21.5 + 70.5, 34 + 108);
        Assert.StartsWith("6 of 10 batches done; batches took 11–36 s (median 24 s); 4 left → 42 s–2 min", eta.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_Paused_CountsRollingTimeOnlyAndSaysSo()
    {
        var s = new LogScript().Start(Batch2, 6);
        s.Watched(0, 0);
        s.Watched(0, 1);
        s.Watched(36, 2, finish: false);
        s.Watched(36, 3, finish: false);
        s.Status(50, UpdateStatus.RollForwardPaused, "bob", "checking dashboards");

        var eta = s.Build(300).Eta;

        // Both watch deadlines passed during the pause: they count on resume; one batch of 36 s remains.
        AssertRange(eta, 36, 36, 36);
        Assert.True(eta.Suspended);
        Assert.Null(eta.ExpectedFinish);
        Assert.StartsWith("paused by bob since 12:00:50: the estimate counts rolling time from when it resumes", eta.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_AfterAPause_BatchDurationsExcludeThePausedTime()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Begin(0, 1);
        s.Status(3, UpdateStatus.RollForwardPaused, "bob", "hold").Status(103, UpdateStatus.RollingForward, "bob", "go");
        s.Task(104, 0, TaskState.Starting).Task(104, 1, TaskState.Starting).Task(106, 0, TaskState.Running).Task(106, 1, TaskState.Running)
            .Decide(106, 0, GatingMode.HealthGated).Decide(106, 1, GatingMode.HealthGated)
            .Action(106, 0, InstanceAction.InstanceUpdated).Action(106, 1, InstanceAction.InstanceUpdated);
        s.Begin(106, 2).Begin(106, 3);

        var insight = s.Build(107);

        Assert.Equal(6000, insight.Timeline.Batches[0].ActiveMs);
        Assert.Equal(106000, insight.Timeline.Batches[0].EndMs);
        Assert.EndsWith("; 2 min paused excluded", insight.Eta.Explanation, StringComparison.Ordinal);
        AssertRange(insight.Eta, 5, 5, 5);
    }

    [Fact]
    public void Estimate_AwaitingPulse_SaysSoAndCountsRollingTime()
    {
        var s = new LogScript().Start(Batch2 with { PulseIntervalSecs = 30 }, 4, first: UpdateStatus.RollForwardAwaitingPulse);
        s.Pulse(1).Status(1, UpdateStatus.RollingForward);
        s.Watched(1, 0);
        s.Watched(1, 1);
        s.Status(37, UpdateStatus.RollForwardAwaitingPulse, message: "Pulses from external service have timed out.");

        var eta = s.Build(60).Eta;

        AssertRange(eta, 36, 36, 36);
        Assert.True(eta.Suspended);
        Assert.StartsWith("awaiting a pulse since 12:00:37", eta.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_RollingBack_EstimatesTheRollback()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Gated(0, 0);
        s.Gated(0, 1);
        s.Begin(11, 2).Begin(11, 3);
        s.Action(30, 2, InstanceAction.InstanceUpdateFailed).Action(30, 3, InstanceAction.InstanceUpdateFailed);
        s.Status(30, UpdateStatus.RollingBack, message: "Latest failure: instance 3 exited.");
        s.Gated(30, 3, backward: true);
        s.Gated(30, 2, backward: true);
        s.Begin(41, 1, backward: true).Begin(41, 0, backward: true);

        var eta = s.Build(45).Eta;

        Assert.True(eta.Backward);
        AssertRange(eta, 7, 7, 7);
        Assert.StartsWith("rolling back: 1 of 2 batches done; batches took 11 s (median 11 s); 1 left", eta.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_RollbackWithNothingRolledBackYet_BorrowsForwardDurations()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Gated(0, 0);
        s.Gated(0, 1);
        s.Status(20, UpdateStatus.RollingBack, "bob", "bad metrics");
        s.Begin(20, 1, backward: true).Begin(20, 0, backward: true);

        var eta = s.Build(25).Eta;

        AssertRange(eta, 6, 6, 6);
        Assert.Contains("no instance rolled back yet; updated instances took 11 s (median 11 s) rolling forward", eta.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_Terminal_HasNoEta()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Gated(0, 0);
        s.Status(11, UpdateStatus.RolledForward);

        var eta = s.Build(20).Eta;

        Assert.Equal(EtaKind.Finished, eta.Kind);
        Assert.Null(eta.Expected);
        Assert.Equal("finished: ROLLED_FORWARD at 12:00:11, 11 s after it started", eta.Explanation);
    }

    [Fact]
    public void Estimate_Queue_SimulatesTheSlots()
    {
        var s = new LogScript().Start(Batch2 with { Strategy = UpdateStrategyKind.Queue }, 5);
        s.Watched(0, 0, finish: false);
        s.Gated(0, 1);
        s.Gated(11, 2);
        s.Begin(22, 3);

        var eta = s.Build(25).Eta;

        // Slots free at 11 s (instance 0's watch deadline) and 8 s (instance 3: 3 s into 11 s); instance 4 takes the
        // first free one and 11 s: done at 19 s.
        AssertRange(eta, 19, 19, 19);
        Assert.StartsWith("2 of 5 instances done; instances took 11 s (median 11 s), 2 at a time; 3 left → 19 s", eta.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_VariableBatch_PlansTheGrowingSizes()
    {
        var s = new LogScript().Start(Batch2 with { Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = [1, 2, 4] }, 10);
        s.Gated(0, 0);
        s.Begin(11, 1).Begin(11, 2);

        var eta = s.Build(12).Eta;

        // Seven instances left after batches of 1 and 2: a batch of 4, then 3 (the last size repeats).
        Assert.Equal((1, 3, 9), (eta.BatchesDone, eta.BatchesLeft, eta.InstancesLeft));
        Assert.StartsWith("1 of 4 batches done", eta.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_AutoPauseAfterBatch_SaysHowManyResumesAreNeeded()
    {
        var s = new LogScript().Start(Batch2 with { AutoPauseAfterBatch = true }, 6);
        s.Gated(0, 0);
        s.Gated(0, 1);
        s.Begin(11, 2).Begin(11, 3);

        var eta = s.Build(12).Eta;

        Assert.EndsWith("auto-pauses after each batch: 1 resume(s) still needed", eta.Explanation, StringComparison.Ordinal);
    }
}
