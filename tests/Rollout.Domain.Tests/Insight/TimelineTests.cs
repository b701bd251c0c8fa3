using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using static Rollout.Domain.Tests.Insight.LogScript;

namespace Rollout.Domain.Tests.Insight;

public class TimelineTests
{
    private static readonly UpdateSettings Batch2 = new() { Strategy = UpdateStrategyKind.Batch, GroupSize = 2, WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 1 };

    private static List<(int Ms, InstancePhase Phase, int Detail)> Bar(UpdateTimeline t, int id)
    {
        var i = t.IndexOf(id);
        var bar = new List<(int, InstancePhase, int)>();
        for (var k = t.SegmentOffsets[i]; k < t.SegmentOffsets[i + 1]; k++) bar.Add((t.SegmentStartMs[k], (InstancePhase)t.SegmentPhases[k], t.SegmentDetails[k]));
        return bar;
    }

    [Fact]
    public void Build_GatedInstance_WalksKillingPendingStartingCheckingUpdated()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Gated(0, 0);

        var t = s.Build(20).Timeline;

        Assert.Equal(
            [(0, InstancePhase.Killing, 0), (2000, InstancePhase.Pending, 0), (4000, InstancePhase.Starting, 0),
             (6000, InstancePhase.HealthChecking, 1), (11000, InstancePhase.Updated, 0)],
            Bar(t, 0));
        Assert.Equal(20000, t.EndMs);
    }

    [Fact]
    public void Build_InstanceNotReachedYet_IsWaitingUntilItStarts()
    {
        var s = new LogScript().Start(Batch2 with { GroupSize = 1 }, 2);
        s.Gated(0, 0);
        s.Gated(11, 1);

        var bar = Bar(s.Build(30).Timeline, 1);

        Assert.Equal((0, InstancePhase.Waiting, 0), bar[0]);
        Assert.Equal((11000, InstancePhase.Killing, 0), bar[1]);
    }

    [Fact]
    public void Build_WatchInstance_RunsUnderWatchForWatchSecs()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Watched(0, 0);

        var bar = Bar(s.Build(40).Timeline, 0);

        Assert.Equal([(6000, InstancePhase.Watching, 0), (36000, InstancePhase.Updated, 0)], bar[^2..]);
    }

    [Fact]
    public void Build_HealthChecks_DetailCountsAttemptsSeen()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Check(6, 0, false, 0).Check(11, 0, false, 0).Check(16, 0, true, 1);

        var bar = Bar(s.Build(17).Timeline, 0);

        Assert.Equal([(6000, InstancePhase.HealthChecking, 1), (11000, InstancePhase.HealthChecking, 2), (16000, InstancePhase.HealthChecking, 3)], bar[^3..]);
    }

    [Fact]
    public void Build_NewTaskDiesTwice_RestartsThenFails()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Task(9, 0, TaskState.Failed, "Failed health check! HTTP 503 from /health")
            .Task(15, 0, TaskState.Pending, fresh: true).Task(16, 0, TaskState.Assigned).Task(17, 0, TaskState.Starting)
            .Task(20, 0, TaskState.Failed, "Failed health check! HTTP 503 from /health")
            .Action(20, 0, InstanceAction.InstanceUpdateFailed);

        var bar = Bar(s.Build(25).Timeline, 0);

        Assert.Equal(
            [(9000, InstancePhase.Restarting, 1), (15000, InstancePhase.Pending, 0), (17000, InstancePhase.Starting, 0), (20000, InstancePhase.Failed, 0)],
            bar[^4..]);
    }

    [Fact]
    public void Build_Rollback_RollsBackWithTheRollbackTasksPhaseAsDetail()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Gated(0, 0);
        s.Status(20, UpdateStatus.RollingBack, message: "Latest failure: instance 1 exited.");
        s.Gated(20, 0, backward: true);

        var bar = Bar(s.Build(40).Timeline, 0);

        Assert.Equal(
            [(11000, InstancePhase.Updated, 0), (20000, InstancePhase.RollingBack, (int)InstancePhase.Killing),
             (22000, InstancePhase.RollingBack, (int)InstancePhase.Pending), (24000, InstancePhase.RollingBack, (int)InstancePhase.Starting),
             (26000, InstancePhase.RollingBack, (int)InstancePhase.HealthChecking), (31000, InstancePhase.RolledBack, 0)],
            bar[^6..]);
    }

    [Fact]
    public void Build_ChangesAtOneInstant_CollapseIntoTheLast()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Gated(0, 0);

        var bar = Bar(s.Build(20).Timeline, 0);

        // RUNNING, the decision and INSTANCE_UPDATED share an instant: no zero-length Watching segment.
        Assert.DoesNotContain(bar, b => b.Phase == InstancePhase.Watching);
        Assert.Equal(bar.Count, bar.Select(b => b.Ms).Distinct().Count());
    }

    [Fact]
    public void Build_StartsAtOneInstant_FormBatchesFinishedByTheirLastInstance()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Gated(0, 0);
        s.Gated(0, 1);
        s.Gated(11, 2);
        s.Gated(11, 3);

        var t = s.Build(30).Timeline;

        Assert.Equal(2, t.Batches.Count);
        Assert.Equal((0, 11000), (t.Batches[0].StartMs, t.Batches[0].EndMs!.Value));
        Assert.Equal([0, 1], t.Batches[0].InstanceIds);
        Assert.Equal((11000, 22000), (t.Batches[1].StartMs, t.Batches[1].EndMs!.Value));
        Assert.Equal([2, 3], t.Batches[1].InstanceIds);
        Assert.Equal([0, 0, 1, 1], t.ForwardBatchOf);
        Assert.Equal([-1, -1, -1, -1], t.BackBatchOf);
    }

    [Fact]
    public void Build_MoreStartsThanTheGroupSize_SplitIntoBatchesOfTheGroupSize()
    {
        var s = new LogScript().Start(Batch2, 3);
        s.Begin(0, 0).Begin(0, 1).Begin(0, 2);

        var t = s.Build(5).Timeline;

        Assert.Equal([2, 1], t.Batches.Select(b => b.InstanceIds.Length));
    }

    [Fact]
    public void Build_StartsAfterAResume_StartANewBatch()
    {
        var s = new LogScript().Start(Batch2 with { GroupSize = 4 }, 2);
        s.Begin(0, 0);
        s.Status(0.5, UpdateStatus.RollForwardPaused, "bob", "wait").Status(0.8, UpdateStatus.RollingForward, "bob", "go");
        s.Begin(0.8, 1);

        var t = s.Build(5).Timeline;

        Assert.Equal(2, t.Batches.Count);
    }

    [Fact]
    public void Build_StatusChanges_MarkOperatorActionsOnly()
    {
        var s = new LogScript().Start(Batch2 with { AutoPauseAfterBatch = true }, 2);
        s.Gated(0, 0);
        s.Status(11, UpdateStatus.RollForwardPaused, message: "Update auto paused");
        s.Status(20, UpdateStatus.RollingForward, "bob", "next batch please");

        var t = s.Build(30).Timeline;

        Assert.Equal([0, 11000, 20000], t.Statuses.Select(x => x.StartMs));
        Assert.Equal([("alice", ""), ("bob", "next batch please")], t.OperatorActions.Select(o => (o.User, o.Message)));
        Assert.Equal(UpdateStatus.RollingForward, t.OperatorActions[1].Status);
    }

    [Fact]
    public void Build_Pulses_AreMarked()
    {
        var s = new LogScript().Start(Batch2 with { PulseIntervalSecs = 30 }, 1, first: UpdateStatus.RollForwardAwaitingPulse);
        s.Pulse(1).Status(1, UpdateStatus.RollingForward).Pulse(21);

        Assert.Equal([1000, 21000], s.Build(30).Timeline.PulseMs);
    }

    [Fact]
    public void Build_ManyBatches_ShareAtMostMaxLanesAndCountEveryInstanceOnce()
    {
        var s = new LogScript().Start(Batch2 with { GroupSize = 1 }, 35);
        for (var i = 0; i < 30; i++) s.Gated(11 * i, i);

        var t = s.Build(400).Timeline;

        Assert.Equal(30, t.Batches.Count);
        Assert.InRange(t.Lanes.Count, 2, 20);
        Assert.Equal(35, t.Lanes.Sum(l => l.InstanceCount));
        Assert.Equal("not started", t.Lanes[^1].Label);
        Assert.Equal("batches 1–2", t.Lanes[0].Label);
        Assert.Equal(5, t.Lanes[^1].CountAt(t.SampleMs.Length - 1, InstancePhase.Waiting));
    }

    [Fact]
    public void LaneOf_EachBatchOfASharedLane_AddUpToThatLane()
    {
        var s = new LogScript().Start(Batch2 with { GroupSize = 1 }, 35);
        for (var i = 0; i < 30; i++) s.Gated(11 * i, i);

        var t = s.Build(400).Timeline;
        var first = t.LaneOf(t.Batches[0]);
        var second = t.LaneOf(t.Batches[1]);

        Assert.Equal(("batch 1", 1), (first.Label, first.InstanceCount));
        Assert.Equal(t.Lanes[0].Counts, first.Counts.Zip(second.Counts, (a, b) => a + b));
    }

    [Fact]
    public void LaneOf_RollbackBatch_IsLabelledAsOne()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Gated(0, 0);
        s.Gated(0, 1);
        s.Status(20, UpdateStatus.RollingBack, "bob", "bad metrics");
        s.Gated(20, 1, backward: true);
        s.Gated(20, 0, backward: true);

        var t = s.Build(40).Timeline;
        var lane = t.LaneOf(t.Batches[1]);

        Assert.Equal("rollback batch 1", lane.Label);
        Assert.Equal(2, lane.CountAt(t.SampleMs.Length - 1, InstancePhase.RolledBack));
    }

    [Fact]
    public void Build_LaneCounts_AddUpToThePhaseCountsAtEachSample()
    {
        var s = new LogScript().Start(Batch2, 6);
        s.Gated(0, 0);
        s.Watched(0, 1);
        s.Watched(36, 2);
        s.Gated(36, 3);

        var t = s.Build(60, new InsightOptions { Columns = 30 }).Timeline;

        Assert.Equal(30, t.SampleMs.Length);
        Assert.Equal(60000, t.SampleMs[^1]);
        for (var c = 0; c < t.SampleMs.Length; c++)
        {
            var expected = t.CountsAt(t.SampleMs[c]);
            for (var p = 0; p < InstancePhases.Count; p++) Assert.Equal(expected[p], t.Lanes.Sum(l => l.CountAt(c, (InstancePhase)p)));
        }
    }

    [Fact]
    public void Build_AsOfBeforeLaterEvents_IgnoresThem()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Gated(0, 0);

        var t = s.Build(5).Timeline;

        Assert.Equal(InstancePhase.Starting, t.PhaseAt(0, t.EndMs));
        Assert.Equal(3, t.SegmentOffsets[1]);
    }

    [Fact]
    public void Fold_MovingBack_RefoldsToWhatAFreshBuildSays()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Gated(0, 0);
        s.Watched(0, 1);
        var fold = new UpdateInsightFold(s.Log);

        fold.AdvanceTo(At(40));
        fold.AdvanceTo(At(8));

        AssertSame(s.Build(8).Timeline, fold.Timeline());
    }

    [Fact]
    public void Fold_Forward_AppliesOnlyNewEvents()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Gated(0, 0);
        var fold = new UpdateInsightFold(s.Log);
        fold.AdvanceTo(At(5));
        var applied = fold.Applied;

        s.Watched(12, 1);
        fold.AdvanceTo(At(60));

        Assert.True(fold.Applied > applied);
        AssertSame(s.Build(60).Timeline, fold.Timeline());
    }

    [Fact]
    public void Fold_LateEventsWithinTheWindow_AreAppliedWithoutRefolding()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Task(6, 0, TaskState.Running);
        var fold = new UpdateInsightFold(s.Log);
        fold.AdvanceTo(At(10));

        // The updater stream lagging behind the status stream: both land before the last event applied.
        s.Action(6, 0, InstanceAction.InstanceUpdated).Status(5, UpdateStatus.RollForwardPaused, "bob", "hold");
        fold.AdvanceTo(At(10));

        Assert.Equal(0, fold.Refolds);
        Assert.Equal(s.Log.Count, fold.Applied);
        Assert.Equal(InstancePhase.Updated, fold.Timeline().PhaseAt(0, 10000));
        Assert.Equal([0, 5000], fold.Timeline().Statuses.Select(x => x.StartMs));
        AssertSame(s.Build(10).Timeline, fold.Timeline());
    }

    [Fact]
    public void Fold_EventOlderThanTheWindow_Refolds()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Task(30, 0, TaskState.Running);
        var fold = new UpdateInsightFold(s.Log);
        fold.AdvanceTo(At(30));

        s.Check(6, 0, passed: true, successes: 1);
        fold.AdvanceTo(At(30));

        Assert.Equal(1, fold.Refolds);
        AssertSame(s.Build(30).Timeline, fold.Timeline());
        Assert.Equal(InstancePhase.HealthChecking, fold.Timeline().PhaseAt(0, 6000));
    }

    private static void AssertSame(UpdateTimeline expected, UpdateTimeline actual)
    {
        Assert.Equal(expected.SegmentOffsets, actual.SegmentOffsets);
        Assert.Equal(expected.SegmentStartMs, actual.SegmentStartMs);
        Assert.Equal(expected.SegmentPhases, actual.SegmentPhases);
        Assert.Equal(expected.SegmentDetails, actual.SegmentDetails);
        Assert.Equal(expected.Batches.Count, actual.Batches.Count);
        Assert.Equal(expected.Lanes.SelectMany(l => l.Counts), actual.Lanes.SelectMany(l => l.Counts));
    }
}
