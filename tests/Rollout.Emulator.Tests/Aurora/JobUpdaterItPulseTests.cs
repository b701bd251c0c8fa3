using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Tests.Support;
using static Rollout.Domain.Model.InstanceAction;
using static Rollout.Domain.Model.UpdateStatus;
using static Rollout.Domain.Updates.ControlCommand;
using static Rollout.Emulator.Tests.Aurora.JobUpdaterIt;

namespace Rollout.Emulator.Tests.Aurora;

/// <summary>JobUpdaterIT: coordinated updates (blockIfNoPulsesAfterMs) and pulses.</summary>
public class JobUpdaterItPulseTests
{
    /// <summary>PULSE_TIMEOUT_MS, in seconds.</summary>
    private const int PulseTimeoutSecs = 10;

    private static readonly UpdateSettings Coordinated = Queue with { PulseIntervalSecs = PulseTimeoutSecs };

    // JobUpdaterIT.java: testSuccessfulCoordinatedUpdate
    // 0 put on NEW by an aborted update; pulses stop once 2 starts and its old task's 20 s kill outlives the timeout.
    [Fact]
    public void Pulse_StopsMidUpdate_BlocksAtTheNextEvaluationAndAPulseResumes()
    {
        using var h = new EngineHarness();
        var job = h.Job("job1", 3, vCurrentFraction: 0, spec: Old);
        h.UpdateFirst(job, New, 1);

        var key = h.Update(job, Coordinated, New);
        Assert.Equal(RollForwardAwaitingPulse, h.Engine.StatusOf(key));
        Assert.Empty(h.Trail(key));

        Assert.Equal(PulseOutcome.Ok, h.Engine.Pulse(key).Outcome);
        Assert.Equal(RollingForward, h.Engine.StatusOf(key));
        h.AssertActions(key, (1, InstanceUpdating));
        AssertAutomatic(h.LastStatusEvent(key), RollingForward, string.Empty);

        h.PulseUntil(key, () => h.Has(key, 2, InstanceUpdating), "instance 2 INSTANCE_UPDATING");
        h.AssertActions(key, (1, InstanceUpdating), (1, InstanceUpdated), (2, InstanceUpdating));
        var killed = () => h.StatusUpdates().Select(e => e.Item).LastOrDefault(u => u.InstanceId == 2 && u.State == TaskState.Killed);
        h.RunUntil(() => killed() is not null, "instance 2's old task KILLED");
        Assert.Equal(RollForwardAwaitingPulse, h.Engine.StatusOf(key));
        h.AssertActions(key, (1, InstanceUpdating), (1, InstanceUpdated), (2, InstanceUpdating));
        var blocked = h.LastStatusEvent(key);
        AssertAutomatic(blocked, RollForwardAwaitingPulse, PulseTimeoutMessage);
        Assert.Equal(killed()!.Timestamp, blocked.Timestamp);

        Assert.Equal(PulseOutcome.Ok, h.Engine.Pulse(key).Outcome);
        Assert.Equal(RollingForward, h.Engine.StatusOf(key));
        AssertAutomatic(h.LastStatusEvent(key), RollingForward, string.Empty);
        Assert.Equal(RolledForward, h.PulseToEnd(key));

        Assert.Equal([(1, InstanceUpdating), (1, InstanceUpdated), (2, InstanceUpdating), (2, InstanceUpdated)], h.Trail(key));
        Assert.Equal(
            [RollForwardAwaitingPulse, RollingForward, RollForwardAwaitingPulse, RollingForward, RolledForward],
            h.Statuses(key));
        Assert.Equal(PulseOutcome.Finished, h.Engine.Pulse(key).Outcome);
    }

    // JobUpdaterIT.java: testResumeToAwaitingPulse
    // Pulse timeout of an hour so the pulsed update never blocks again (the IT's clock barely moves).
    [Fact]
    public void Resume_PausedWhileAwaitingItsFirstPulse_AwaitsAPulseAgain()
    {
        using var h = new EngineHarness();
        var job = h.Job("job1", 2, vCurrentFraction: 0, spec: Old);
        h.Run(TimeSpan.FromDays(1));

        var key = h.Update(job, Queue with { PulseIntervalSecs = 3600 }, New);
        Assert.Equal(RollForwardAwaitingPulse, h.Engine.StatusOf(key));

        Assert.Equal(ControlResult.Ok(RollForwardPaused), h.Steer(Pause, key));
        Assert.Equal(ControlResult.Ok(RollForwardAwaitingPulse), h.Steer(Resume, key));
        Assert.Empty(h.Trail(key));

        Assert.Equal(PulseOutcome.Ok, h.Engine.Pulse(key).Outcome);
        Assert.Equal(RolledForward, h.RunToEnd(key));

        Assert.Equal([(0, InstanceUpdating), (0, InstanceUpdated), (1, InstanceUpdating), (1, InstanceUpdated)], h.Trail(key));
        Assert.Equal(
            [RollForwardAwaitingPulse, RollForwardPaused, RollForwardAwaitingPulse, RollingForward, RolledForward],
            h.Statuses(key));
        var changes = h.UpdaterEvents<UpdateStatusChanged>(key);
        AssertByOperator(changes[1], RollForwardPaused);
        AssertByOperator(changes[2], RollForwardAwaitingPulse);
        AssertAutomatic(changes[3], RollingForward, string.Empty);
        AssertAutomatic(changes[4], RolledForward, string.Empty);
        Assert.Equal(PulseOutcome.Finished, h.Engine.Pulse(key).Outcome);
    }

    // JobUpdaterIT.java: testPulsePausedUpdate
    // As testSuccessfulCoordinatedUpdate to instance 2's start; the timeout then passes with no task event before the pause.
    [Fact]
    public void Pulse_WhilePaused_IsAcceptedAndResumeRollsOn()
    {
        using var h = new EngineHarness();
        var job = h.Job("job1", 3, vCurrentFraction: 0, spec: Old);
        h.UpdateFirst(job, New, 1);

        var key = h.Update(job, Coordinated, New);
        Assert.Equal(RollForwardAwaitingPulse, h.Engine.StatusOf(key));
        h.PulseUntil(key, () => h.Has(key, 2, InstanceUpdating), "instance 2 INSTANCE_UPDATING");
        h.AssertActions(key, (1, InstanceUpdating), (1, InstanceUpdated), (2, InstanceUpdating));
        h.Run(TimeSpan.FromSeconds(PulseTimeoutSecs + 2));
        Assert.Equal(RollingForward, h.Engine.StatusOf(key));

        Assert.Equal(ControlResult.Ok(RollForwardPaused), h.Steer(Pause, key));
        Assert.Equal(PulseOutcome.Ok, h.Engine.Pulse(key).Outcome);
        Assert.Equal(RollForwardPaused, h.Engine.StatusOf(key));

        Assert.Equal(ControlResult.Ok(RollingForward), h.Steer(Resume, key));
        Assert.Equal(RolledForward, h.PulseToEnd(key));

        Assert.Equal([(1, InstanceUpdating), (1, InstanceUpdated), (2, InstanceUpdating), (2, InstanceUpdated)], h.Trail(key));
        Assert.Equal([RollForwardAwaitingPulse, RollingForward, RollForwardPaused, RollingForward, RolledForward], h.Statuses(key));
        Assert.All(h.LatestStates(job).Values, s => Assert.Equal(TaskState.Running, s));
        Assert.Equal(PulseOutcome.Finished, h.Engine.Pulse(key).Outcome);
    }

    // JobUpdaterIT.java: testPulseInvalidUpdateId
    // Also pulses a non-coordinated update: Aurora answers FINISHED for any update whose pulses it does not track.
    [Fact]
    public void Pulse_UpdateNotTracked_IsFinished()
    {
        using var h = new EngineHarness();
        var job = h.Job("job1", 2, vCurrentFraction: 0, spec: Old);
        var key = h.Update(job, Queue, New);

        Assert.Equal(PulseOutcome.Finished, h.Engine.Pulse(key with { Id = "invalid" }).Outcome);
        Assert.Equal(PulseOutcome.Finished, h.Engine.Pulse(key).Outcome);
        Assert.Equal(RollingForward, h.Engine.StatusOf(key));
    }

    // JobUpdaterIT.java: testRollbackCoordinatedUpdate
    // No rollback command in the engine: ROLL_FORWARD_AWAITING_PULSE -> ROLLING_BACK checked on the engine's state machine.
    [Fact]
    public void Rollback_WhileAwaitingPulse_IsAllowed()
    {
        using var h = new EngineHarness();
        var job = h.Job("job1", 3, vCurrentFraction: 0, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Coordinated, New);
        h.Run(Watch);

        Assert.Equal(RollForwardAwaitingPulse, h.Engine.StatusOf(key));
        Assert.Empty(h.Trail(key));
        Assert.True(UpdateStateMachine.IsAllowed(RollForwardAwaitingPulse, RollingBack), "ROLL_FORWARD_AWAITING_PULSE -> ROLLING_BACK");
    }
}
