using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Tests.Support;
using static Rollout.Domain.Model.InstanceAction;
using static Rollout.Domain.Model.UpdateStatus;
using static Rollout.Domain.Updates.ControlCommand;
using static Rollout.Emulator.Tests.Aurora.JobUpdaterIt;

namespace Rollout.Emulator.Tests.Aurora;

/// <summary>JobUpdaterIT: pausing, resuming and aborting by hand.</summary>
public class JobUpdaterItControlTests
{
    private const string Pool = "job1";

    // JobUpdaterIT.java: testAbort
    // vPrev; aborted as instance 1 starts (the IT's old task 1 was PENDING, hence its instance 1 on NEW, not checked here).
    [Fact]
    public void Abort_MidUpdate_StopsWithTheActionsSoFar()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 3, vCurrentFraction: 0, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Queue, New);
        h.RunUntil(() => h.Has(key, 1, InstanceUpdating), "instance 1 INSTANCE_UPDATING");
        h.AssertActions(key, (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating));

        Assert.Equal(ControlResult.Ok(Aborted), h.Steer(Abort, key));
        var events = h.UpdaterEvents().Count;
        h.Run(Watch);

        Assert.Equal(events, h.UpdaterEvents().Count);
        h.AssertActions(key, (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating));
        Assert.Equal([RollingForward, Aborted], h.Statuses(key));
        AssertByOperator(h.LastStatusEvent(key), Aborted);
        var states = h.LatestStates(job);
        Assert.Equal((TaskState.Running, TaskState.Running), (states[0], states[2]));
        Assert.DoesNotContain(h.StatusUpdates(), e => e.Item.InstanceId == 2 && e.Item.State == TaskState.Killing);
    }

    // JobUpdaterIT.java: testSlowToScheduleTask
    // vPrev; aborted while instance 1's replacement has been created (PENDING) but not yet run.
    [Fact]
    public void Abort_WhileAReplacementIsPending_Aborts()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 2, vCurrentFraction: 0, spec: Old);

        var key = h.Update(job, Queue, New);
        h.AssertActions(key, (0, InstanceUpdating));
        var replacementCreated = () => h.Has(key, 1, InstanceUpdating)
            && h.StatusUpdates().Any(e => e.Item.InstanceId == 1 && e.Item.State == TaskState.Pending);
        h.RunUntil(replacementCreated, "instance 1's replacement PENDING");
        Assert.NotEqual(TaskState.Running, h.LatestStates(job)[1]);
        Assert.Equal(RollingForward, h.Engine.StatusOf(key));
        h.AssertActions(key, (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating));

        Assert.Equal(ControlResult.Ok(Aborted), h.Steer(Abort, key));
        h.Run(Watch);

        h.AssertActions(key, (0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating));
        Assert.Equal([RollingForward, Aborted], h.Statuses(key));
    }

    // JobUpdaterIT.java: testPauseUnknownUpdate
    // Direct: pause an update id that does not exist.
    [Fact]
    public void Pause_UnknownUpdate_IsInvalidRequest()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 1, spec: Old);

        var result = h.Steer(Pause, new UpdateKey(job, "update_id"));

        Assert.Equal((ControlOutcome.InvalidRequest, (UpdateStatus?)null), (result.Outcome, result.Status));
    }

    // JobUpdaterIT.java: testResumeUnknownUpdate
    // Direct: resume an update id that does not exist.
    [Fact]
    public void Resume_UnknownUpdate_IsInvalidRequest()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 1, spec: Old);

        var result = h.Steer(Resume, new UpdateKey(job, "update_id"));

        Assert.Equal((ControlOutcome.InvalidRequest, (UpdateStatus?)null), (result.Outcome, result.Status));
    }

    // JobUpdaterIT.java: testRollbackPausedForwardUpdate
    // No rollback command in the engine: paused as in the IT, then ROLL_FORWARD_PAUSED -> ROLLING_BACK checked on the engine's state machine.
    [Fact]
    public void Rollback_WhilePausedRollingForward_IsAllowed()
    {
        using var h = new EngineHarness();
        var job = h.Job(Pool, 3, vCurrentFraction: 0, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Queue, New);
        h.AssertActions(key, (0, InstanceUpdating));
        h.RunUntil(() => h.StatusUpdates().Count(e => e.Item.InstanceId == 0 && e.Item.State == TaskState.Running) == 2, "instance 0's replacement RUNNING");
        Assert.Equal(ControlResult.Ok(RollForwardPaused), h.Steer(Pause, key));

        h.AssertActions(key, (0, InstanceUpdating));
        Assert.True(UpdateStateMachine.IsAllowed(RollForwardPaused, RollingBack), "ROLL_FORWARD_PAUSED -> ROLLING_BACK");
    }
}
