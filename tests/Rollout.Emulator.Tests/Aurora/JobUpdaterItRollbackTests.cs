using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Tests.Support;
using static Rollout.Domain.Model.InstanceAction;
using static Rollout.Domain.Model.UpdateStatus;
using static Rollout.Domain.Updates.ControlCommand;
using static Rollout.Emulator.Tests.Aurora.JobUpdaterIt;

namespace Rollout.Emulator.Tests.Aurora;

/// <summary>JobUpdaterIT: failing updates, rollbacks and their limits.</summary>
public class JobUpdaterItRollbackTests
{
    private const string Pool = "job1";

    // JobUpdaterIT.java: testRollback
    // Job grows 3 -> 4 (IT's added 1 / untouched 3 are 3 / 2 here); 3 and 0 update on vCurrent, 1 lands on vPrev and crashes in the watch.
    [Fact]
    public void Update_InstanceExitsAfterOthersUpdated_RollsBackEveryInstanceInReverseOrder()
    {
        using var h = new EngineHarness(options: NoRestarts);
        var job = h.Job(Pool, 3, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Queue, Crashing, instances: 4);
        h.AssertActions(key, (3, InstanceUpdating));
        h.FailWhenUpdating(key, Pool, 1);
        h.AssertActions(key, (3, InstanceUpdating), (3, InstanceUpdated), (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating));

        h.RunUntil(() => h.Engine.StatusOf(key) != RollingForward, "update failed");
        Assert.Equal(RollingBack, h.Engine.StatusOf(key));
        h.AssertActions(key,
            (3, InstanceUpdating), (3, InstanceUpdated),
            (0, InstanceUpdating), (0, InstanceUpdated),
            (1, InstanceUpdating), (1, InstanceUpdateFailed), (1, InstanceRollingBack));

        h.RunUntil(() => h.Has(key, 0, InstanceRollingBack), "instance 0 INSTANCE_ROLLING_BACK");
        Assert.Equal(ControlResult.Ok(RollBackPaused), h.Steer(Pause, key));
        var events = h.UpdaterEvents().Count;
        h.Run(TimeSpan.FromDays(1));
        Assert.Equal(events, h.UpdaterEvents().Count);
        // Instance 0's replacement ran during the pause and the added instance 3 is already gone, so the
        // evaluation on resume may finish the rollback at once.
        var resumed = h.Steer(Resume, key);
        Assert.Equal(ControlOutcome.Ok, resumed.Outcome);
        Assert.Contains(resumed.Status, new UpdateStatus?[] { RollingBack, RolledBack });

        Assert.Equal(RolledBack, h.RunToEnd(key));
        Assert.Equal(
            [
                (3, InstanceUpdating), (3, InstanceUpdated), (0, InstanceUpdating), (0, InstanceUpdated),
                (1, InstanceUpdating), (1, InstanceUpdateFailed), (1, InstanceRollingBack), (1, InstanceRolledBack),
                (0, InstanceRollingBack), (0, InstanceRolledBack), (3, InstanceRollingBack), (3, InstanceRolledBack),
            ],
            h.Trail(key));
        var states = h.LatestStates(job);
        Assert.All([0, 1, 2], i => Assert.Equal(TaskState.Running, states[i]));
        Assert.True(states[3].IsTerminal(), "the added instance is gone");
        Assert.Equal([RollingForward, RollingBack, RollBackPaused, RollingBack, RolledBack], h.Statuses(key));
        AssertAutomatic(h.StatusEvent(key, RollingBack), RollingBack, FailureMessage(1));
        AssertAutomatic(h.LastStatusEvent(key), RolledBack, string.Empty);
    }

    // JobUpdaterIT.java: testRollbackDisabled
    // As testRollback, with rollbackOnFailure off.
    [Fact]
    public void Update_InstanceExitsWithRollbackDisabled_Fails()
    {
        using var h = new EngineHarness(options: NoRestarts);
        var job = h.Job(Pool, 3, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Queue with { RollbackOnFailure = false }, Crashing, instances: 4);
        h.AssertActions(key, (3, InstanceUpdating));
        h.FailWhenUpdating(key, Pool, 1);

        Assert.Equal(UpdateStatus.Failed, h.RunToEnd(key));
        Assert.Equal(
            [(3, InstanceUpdating), (3, InstanceUpdated), (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating), (1, InstanceUpdateFailed)],
            h.Trail(key));
        Assert.Equal([RollingForward, UpdateStatus.Failed], h.Statuses(key));
        AssertAutomatic(h.LastStatusEvent(key), UpdateStatus.Failed, FailureMessage(1));
    }

    // JobUpdaterIT.java: testRollbackFailed
    // OLD crashes too, 300 s into RUNNING with a 600 s watch (the job's first tasks are up already and do not): 1's rollback replacement dies.
    [Fact]
    public void Update_RollbackOfTheFailedInstanceAlsoExits_Fails()
    {
        using var h = new EngineHarness(options: NoRestarts);
        var oldCrashing = Old with { App = Old.App with { CrashAfterRunningSecs = 300 } };
        var job = h.Job(Pool, 3, spec: oldCrashing);
        h.Run(TimeSpan.FromSeconds(600));

        var key = h.Update(job, Queue with { WatchSecs = 600 }, Crashing);
        h.AssertActions(key, (0, InstanceUpdating));
        h.FailWhenUpdating(key, Pool, 1);

        h.RunUntil(() => h.Engine.StatusOf(key) != RollingForward, "update failed");
        Assert.Equal(RollingBack, h.Engine.StatusOf(key));
        h.AssertActions(key, (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating), (1, InstanceUpdateFailed), (1, InstanceRollingBack));

        Assert.Equal(UpdateStatus.Failed, h.RunToEnd(key));
        Assert.Equal(
            [
                (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating), (1, InstanceUpdateFailed),
                (1, InstanceRollingBack), (1, InstanceRollbackFailed),
            ],
            h.Trail(key));
        Assert.Equal([RollingForward, RollingBack, UpdateStatus.Failed], h.Statuses(key));
        AssertAutomatic(h.StatusEvent(key, RollingBack), RollingBack, FailureMessage(1));
        AssertAutomatic(h.LastStatusEvent(key), UpdateStatus.Failed, FailureMessage(1));
    }

    // JobUpdaterIT.java: testRollbackDuringUpgrade
    // No rollback command: instance 2 (second batch) crashes on vPrev instead, which starts the same rollback.
    [Fact]
    public void Rollback_DuringSecondBatch_RegroupsAllInstancesInReverseWithTheSameBatchSize()
    {
        using var h = new EngineHarness(options: NoRestarts);
        var job = h.Job(Pool, 3, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Batch(2), Crashing);
        h.AssertActions(key, (0, InstanceUpdating), (1, InstanceUpdating));
        h.FailWhenUpdating(key, Pool, 2);
        h.AssertActions(key, (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating), (1, InstanceUpdated), (2, InstanceUpdating));

        Assert.Equal(RolledBack, h.RunToEnd(key));
        h.AssertActions(key,
            (0, InstanceUpdating), (0, InstanceUpdated), (0, InstanceRollingBack), (0, InstanceRolledBack),
            (1, InstanceUpdating), (1, InstanceUpdated), (1, InstanceRollingBack), (1, InstanceRolledBack),
            (2, InstanceUpdating), (2, InstanceUpdateFailed), (2, InstanceRollingBack), (2, InstanceRolledBack));
        Assert.Equal("0,1 | 2", h.Waves(key, InstanceUpdating));
        Assert.Equal("2,1 | 0", h.Waves(key, InstanceRollingBack));
        Assert.All(h.LatestStates(job).Values, s => Assert.Equal(TaskState.Running, s));
        Assert.Equal([RollingForward, RollingBack, RolledBack], h.Statuses(key));
        AssertAutomatic(h.StatusEvent(key, RollingBack), RollingBack, FailureMessage(2));
    }

    // JobUpdaterIT.java: testFailToRollbackCompletedUpdate
    // No rollback command: the finished update refuses steering and ROLLED_FORWARD -> ROLLING_BACK is not allowed.
    [Fact]
    public void Rollback_CompletedUpdate_IsRefused()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 3, vCurrentFraction: 0, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Batch(2), New);
        Assert.Equal(RolledForward, h.RunToEnd(key));
        h.AssertActions(key,
            (0, InstanceUpdating), (0, InstanceUpdated),
            (1, InstanceUpdating), (1, InstanceUpdated),
            (2, InstanceUpdating), (2, InstanceUpdated));
        Assert.Equal("0,1 | 2", h.Waves(key, InstanceUpdating));

        Assert.False(UpdateStateMachine.IsAllowed(RolledForward, RollingBack), "ROLLED_FORWARD -> ROLLING_BACK");
        var refused = h.Steer(Pause, key);
        Assert.Equal((ControlOutcome.InvalidRequest, RolledForward), (refused.Outcome, refused.Status));
        Assert.Equal([RollingForward, RolledForward], h.Statuses(key));
    }
}
