using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Emulator.Tests.Insight;

/// <summary>The timeline of real engine runs, checked against the engine's own state at known instants.</summary>
public class RecordedTimelineTests
{
    [Theory]
    [InlineData("healthy-rollout", 200)]
    [InlineData("mixed-executors", 200)]
    [InlineData("failing-health-check", 100)]
    [InlineData("late-crash", 200)]
    [InlineData("no-health-check", 150)]
    [InlineData("settings-bit-mismatch", 100)]
    [InlineData("coordinated-pulse", 250)]
    [InlineData("large-job", 420)]
    public void Timeline_EveryInstance_IsInThePhaseTheEngineShowsEveryTenSeconds(string scenario, int untilSecs)
    {
        using var run = RecordedRun.Scenario(scenario);
        var checkpoints = new List<(int Ms, int[] Counts)>();
        for (var t = 10; t <= untilSecs; t += 10)
        {
            run.RunTo(t);
            var timeline = run.Insight().Timeline;
            var engine = EnginePhases.Of(run);

            for (var i = 0; i < timeline.InstanceIds.Length; i++)
            {
                var id = timeline.InstanceIds[i];
                Assert.True(engine.TryGetValue(id, out var expected), $"instance {id} unknown to the engine");
                var actual = timeline.PhaseAt(i, timeline.EndMs);
                if (actual != expected) Assert.Fail($"{scenario} at {t} s: instance {id} is {actual}, the engine says {expected}");
            }

            checkpoints.Add((timeline.EndMs, timeline.CountsAt(timeline.EndMs)));
        }

        // Live, the updater's events land behind the status updates of the same second: never a refold.
        var last = run.Insight().Timeline;
        Assert.Equal(0, run.Fold.Refolds);

        // A replay: the last timeline, read at each earlier instant, shows what was live then.
        foreach (var (ms, counts) in checkpoints) Assert.Equal(counts, last.CountsAt(ms));
        Assert.All(last.Lanes, lane => Assert.Equal(lane.InstanceCount, Enumerable.Range(0, InstancePhases.Count).Sum(p => lane.CountAt(last.SampleMs.Length - 1, (InstancePhase)p))));
    }

    [Fact]
    public void Batches_MixedExecutors_AreTheStrategysGroupsOfFour()
    {
        using var run = RecordedRun.Scenario("mixed-executors");
        run.RunToEnd();

        var timeline = run.Insight().Timeline;

        Assert.Equal(5, timeline.Batches.Count);
        Assert.All(timeline.Batches, b => Assert.Equal(4, b.InstanceIds.Length));
        Assert.Equal(Enumerable.Range(0, 20), timeline.Batches.SelectMany(b => b.InstanceIds));
        var actions = run.Harness.Actions(run.Key);
        foreach (var batch in timeline.Batches)
        {
            var starts = actions.Where(a => a.Action == InstanceAction.InstanceUpdating && batch.InstanceIds.Contains(a.InstanceId)).Select(a => a.Timestamp).Distinct();
            Assert.Equal(timeline.Start.AddMilliseconds(batch.StartMs), Assert.Single(starts));
            var last = actions.Where(a => a.Action == InstanceAction.InstanceUpdated && batch.InstanceIds.Contains(a.InstanceId)).Max(a => a.Timestamp);
            Assert.Equal(timeline.Start.AddMilliseconds(batch.EndMs!.Value), last);
        }
    }

    [Fact]
    public void Batches_LargeJob_FollowTheVariableSizesAndShareTwentyLanes()
    {
        using var run = RecordedRun.Scenario("large-job");
        run.RunToEnd();

        var timeline = run.Insight().Timeline;

        // 100, 500, then 1000s (the last size repeats) over 10,000 instances.
        Assert.Equal([100, 500, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 400], timeline.Batches.Select(b => b.InstanceIds.Length));
        Assert.Equal(12, timeline.Lanes.Count);
        Assert.Equal(10_000, timeline.CountsAt(timeline.EndMs)[(int)InstancePhase.Updated]);
    }

    [Fact]
    public void Batches_FailingHealthCheck_RollbackBatchesFollowTheForwardOne()
    {
        using var run = RecordedRun.Scenario("failing-health-check");
        run.RunToEnd();

        var timeline = run.Insight().Timeline;

        var forward = Assert.Single(timeline.Batches, b => !b.Backward);
        var back = Assert.Single(timeline.Batches, b => b.Backward);
        Assert.Equal([0, 1, 2], forward.InstanceIds);
        Assert.Equal([2, 1, 0], back.InstanceIds);
        Assert.Equal(2, forward.Failed);
        Assert.Equal(3, timeline.CountsAt(timeline.EndMs)[(int)InstancePhase.RolledBack]);
        Assert.Equal(9, timeline.CountsAt(timeline.EndMs)[(int)InstancePhase.Waiting]);
    }

    [Fact]
    public void OperatorActions_PauseAndResume_AreMarkedWithWhoAndWhy()
    {
        using var run = RecordedRun.Scenario("mixed-executors");
        run.RunTo(50);
        Assert.Equal(UpdateStatus.RollForwardPaused, run.Harness.Engine.Control(ControlCommand.Pause, run.Key, "ops", "latency alarm").Status);
        run.RunTo(80);
        Assert.Equal(UpdateStatus.RollingForward, run.Harness.Engine.Control(ControlCommand.Resume, run.Key, "ops", "alarm cleared").Status);
        run.RunToEnd();

        var timeline = run.Insight().Timeline;

        Assert.Equal([("bob", ""), ("ops", "latency alarm"), ("ops", "alarm cleared")], timeline.OperatorActions.Select(o => (o.User, o.Message)));
        Assert.Equal([45_000, 75_000], timeline.OperatorActions.Skip(1).Select(o => o.AtMs));
        Assert.Contains(timeline.Statuses, s => s.Status == UpdateStatus.RollForwardPaused && s.StartMs == 45_000);
    }
}
