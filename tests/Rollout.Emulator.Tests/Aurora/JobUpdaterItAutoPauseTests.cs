using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Tests.Support;
using static Rollout.Domain.Model.InstanceAction;
using static Rollout.Domain.Model.UpdateStatus;
using static Rollout.Domain.Updates.ControlCommand;
using static Rollout.Emulator.Tests.Aurora.JobUpdaterIt;

namespace Rollout.Emulator.Tests.Aurora;

/// <summary>JobUpdaterIT: batch and variable batch updates that pause after each batch.</summary>
public class JobUpdaterItAutoPauseTests
{
    private const string Pool = "job1";

    // JobUpdaterIT.java: testSuccessfulBatchUpdateAutoPause
    // vPrev executors: each batch is updated a watch after its replacements run.
    [Fact]
    public void Update_BatchWithAutoPause_PausesAfterTheFirstBatchUntilResumed()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 3, vCurrentFraction: 0, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Batch(2) with { AutoPauseAfterBatch = true }, New);
        h.AssertActions(key, (0, InstanceUpdating), (1, InstanceUpdating));

        h.RunUntil(() => h.Engine.StatusOf(key) != RollingForward, "first batch done");
        Assert.Equal(RollForwardPaused, h.Engine.StatusOf(key));
        h.AssertActions(key, (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating), (1, InstanceUpdated));
        AssertAutomatic(h.LastStatusEvent(key), RollForwardPaused, AutoPausedMessage);

        Assert.Equal(ControlResult.Ok(RollingForward), h.Steer(Resume, key));
        h.AssertActions(key, (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating), (1, InstanceUpdated), (2, InstanceUpdating));

        Assert.Equal(RolledForward, h.RunToEnd(key));
        h.AssertActions(key,
            (0, InstanceUpdating), (0, InstanceUpdated),
            (1, InstanceUpdating), (1, InstanceUpdated),
            (2, InstanceUpdating), (2, InstanceUpdated));
        Assert.All(h.LatestStates(job).Values, s => Assert.Equal(TaskState.Running, s));
        Assert.Equal([RollingForward, RollForwardPaused, RollingForward, RolledForward], h.Statuses(key));
        AssertByOperator(h.UpdaterEvents<UpdateStatusChanged>(key)[2], RollingForward);
        AssertAutomatic(h.LastStatusEvent(key), RolledForward, string.Empty);
    }

    // JobUpdaterIT.java: testSuccessfulVarBatchUpdateAutoPause
    // vPrev executors; batches of 1, 2 and 3 over six instances.
    [Fact]
    public void Update_VariableBatchWithAutoPause_PausesBetweenBatchesButNotAfterTheLast()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 6, vCurrentFraction: 0, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, VarBatch(1, 2, 3) with { AutoPauseAfterBatch = true }, New);
        h.AssertActions(key, (0, InstanceUpdating));

        h.RunUntil(() => h.Engine.StatusOf(key) != RollingForward, "first batch done");
        Assert.Equal(RollForwardPaused, h.Engine.StatusOf(key));
        h.AssertActions(key, (0, InstanceUpdating), (0, InstanceUpdated));
        Assert.Equal(ControlResult.Ok(RollingForward), h.Steer(Resume, key));
        h.AssertActions(key, (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating), (2, InstanceUpdating));

        h.RunUntil(() => h.Engine.StatusOf(key) != RollingForward, "second batch done");
        Assert.Equal(RollForwardPaused, h.Engine.StatusOf(key));
        h.AssertActions(key,
            (0, InstanceUpdating), (0, InstanceUpdated),
            (1, InstanceUpdating), (1, InstanceUpdated),
            (2, InstanceUpdating), (2, InstanceUpdated));
        Assert.Equal(ControlResult.Ok(RollingForward), h.Steer(Resume, key));
        Assert.Equal("0 | 1,2 | 3,4,5", h.Waves(key, InstanceUpdating));

        Assert.Equal(RolledForward, h.RunToEnd(key));
        h.AssertActions(key, [.. Enumerable.Range(0, 6).SelectMany(i => new[] { (i, InstanceUpdating), (i, InstanceUpdated) })]);
        Assert.All(h.LatestStates(job).Values, s => Assert.Equal(TaskState.Running, s));
        Assert.Equal(
            [RollingForward, RollForwardPaused, RollingForward, RollForwardPaused, RollingForward, RolledForward],
            h.Statuses(key));
        Assert.All(
            h.UpdaterEvents<UpdateStatusChanged>(key).Where(e => e.Status == RollForwardPaused),
            e => AssertAutomatic(e, RollForwardPaused, AutoPausedMessage));
    }

    // JobUpdaterIT.java: testSuccessfulVarBatchUpdateAutoPauseWithRollback
    // Job grows 2 -> 3; during the auto-pause the pool turns half vPrev, so one of (0, 1) is updated and the other crashes within the watch.
    [Fact]
    public void Update_VariableBatchFailsInSecondBatch_RollsBackInReverseBatchesWithoutPausing()
    {
        using var h = new EngineHarness(options: NoRestarts);
        var job = h.Job(Pool, 2, hosts: 2, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, VarBatch(1, 2) with { AutoPauseAfterBatch = true }, Crashing, instances: 3);
        h.AssertActions(key, (2, InstanceUpdating));

        h.RunUntil(() => h.Engine.StatusOf(key) != RollingForward, "first batch done");
        Assert.Equal(RollForwardPaused, h.Engine.StatusOf(key));
        h.AssertActions(key, (2, InstanceUpdating), (2, InstanceUpdated));
        h.Engine.SetExecutorMix(Pool, 0.5);
        Assert.Equal(ControlResult.Ok(RollingForward), h.Steer(Resume, key));
        h.AssertActions(key, (2, InstanceUpdating), (2, InstanceUpdated), (0, InstanceUpdating), (1, InstanceUpdating));

        h.RunUntil(() => h.Engine.StatusOf(key) != RollingForward, "second batch failed");
        Assert.Equal(RollingBack, h.Engine.StatusOf(key));
        var failed = Assert.Single(h.Actions(key), a => a.Action == InstanceUpdateFailed).InstanceId;
        Assert.Contains(failed, new[] { 0, 1 });
        var updated = 1 - failed;
        h.AssertActions(key,
            (2, InstanceUpdating), (2, InstanceUpdated),
            (updated, InstanceUpdating), (updated, InstanceUpdated), (updated, InstanceRollingBack),
            (failed, InstanceUpdating), (failed, InstanceUpdateFailed), (failed, InstanceRollingBack));
        AssertAutomatic(h.LastStatusEvent(key), RollingBack, FailureMessage(failed));

        Assert.Equal(RolledBack, h.RunToEnd(key));
        h.AssertActions(key,
            (2, InstanceUpdating), (2, InstanceUpdated), (2, InstanceRollingBack), (2, InstanceRolledBack),
            (updated, InstanceUpdating), (updated, InstanceUpdated), (updated, InstanceRollingBack), (updated, InstanceRolledBack),
            (failed, InstanceUpdating), (failed, InstanceUpdateFailed), (failed, InstanceRollingBack), (failed, InstanceRolledBack));
        Assert.Equal("1,0 | 2", h.Waves(key, InstanceRollingBack));
        var states = h.LatestStates(job);
        Assert.Equal((TaskState.Running, TaskState.Running), (states[0], states[1]));
        Assert.True(states[2].IsTerminal(), "the added instance is gone");
        Assert.Equal([RollingForward, RollForwardPaused, RollingForward, RollingBack, RolledBack], h.Statuses(key));
        AssertAutomatic(h.LastStatusEvent(key), RolledBack, string.Empty);
    }
}
