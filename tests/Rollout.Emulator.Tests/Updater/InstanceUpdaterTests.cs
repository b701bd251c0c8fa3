using Rollout.Domain.Model;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Updater;
using static Rollout.Emulator.Updater.InstanceResult;

namespace Rollout.Emulator.Tests.Updater;

// Ported from Aurora's InstanceUpdaterTest.java: all 14 test methods.
// Not ported: none.
// Translation throughout:
// - KILL_TASK_WITH_RESERVATION_AND_EVALUATE_ON_STATE_CHANGE: the emulator models no resources or agent
//   reservations and maps it to KillTaskAndEvaluateOnStateChange; those steps assert that, and say so.
// - Aurora's FakeClock is a fixed DateTimeOffset the fixture advances by hand.
// - Aurora has no health gating: the updater gets a judge that never counts RUNNING as healthy.
// - One test at the end covers the emulator's extension (RUNNING health-gated); it has no Aurora counterpart.

/// <summary>Aurora's InstanceUpdaterTest: one instance's updater driven through hand-made task states.</summary>
public class InstanceUpdaterTests
{
    private static readonly TimeSpan MinRunningTime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ALongTime = TimeSpan.FromDays(1);
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    // InstanceUpdaterTest.java: testSuccessfulUpdate
    // Same resources and constraints: Aurora kills with a reservation; the emulator's plain kill stands in.
    [Fact]
    public void Evaluate_OldTaskKilledThenNewRunsForMinRunning_Succeeds()
    {
        var f = new Fixture(Configs.New, 1);
        f.SetActualState(Configs.Old);
        f.Evaluate(KillTaskAndEvaluateOnStateChange, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Killing);
        f.Evaluate(ReplaceTaskAndEvaluateOnStateChange, TaskState.Finished);
        f.SetActualState(Configs.New);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending, TaskState.Assigned, TaskState.Starting);
        f.Evaluate(EvaluateAfterMinRunning, TaskState.Running);
        f.AdvanceTime(MinRunningTime);
        f.EvaluateCurrentState(Succeeded);
    }

    // InstanceUpdaterTest.java: testUpdateWithResourceChange
    // The new config needs more CPU: Aurora kills without a reservation (KILL_TASK), as the emulator always does.
    [Fact]
    public void Evaluate_DesiredNeedsMoreResources_KillsThenSucceeds()
    {
        var f = new Fixture(Configs.NewExtraResources, 1);
        f.SetActualState(Configs.Old);
        f.Evaluate(KillTaskAndEvaluateOnStateChange, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Killing);
        f.Evaluate(ReplaceTaskAndEvaluateOnStateChange, TaskState.Finished);
        f.SetActualState(Configs.NewExtraResources);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending, TaskState.Assigned, TaskState.Starting);
        f.Evaluate(EvaluateAfterMinRunning, TaskState.Running);
        f.AdvanceTime(MinRunningTime);
        f.EvaluateCurrentState(Succeeded);
    }

    // InstanceUpdaterTest.java: testUpdateWithConstraintChange
    // The new config has other constraints: Aurora kills without a reservation (KILL_TASK), as the emulator always does.
    [Fact]
    public void Evaluate_DesiredHasOtherConstraints_KillsThenSucceeds()
    {
        var f = new Fixture(Configs.NewDifferentConstraints, 1);
        f.SetActualState(Configs.Old);
        f.Evaluate(KillTaskAndEvaluateOnStateChange, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Killing);
        f.Evaluate(ReplaceTaskAndEvaluateOnStateChange, TaskState.Finished);
        f.SetActualState(Configs.NewDifferentConstraints);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending, TaskState.Assigned, TaskState.Starting);
        f.Evaluate(EvaluateAfterMinRunning, TaskState.Running);
        f.AdvanceTime(MinRunningTime);
        f.EvaluateCurrentState(Succeeded);
    }

    // InstanceUpdaterTest.java: testUpdateRetryOnTaskExit
    // KILL_TASK_WITH_RESERVATION is the emulator's plain kill.
    [Fact]
    public void Evaluate_NewTaskFailsWithinTolerance_WaitsForItsRestartThenSucceeds()
    {
        var f = new Fixture(Configs.New, 1);
        f.SetActualState(Configs.Old);
        f.Evaluate(KillTaskAndEvaluateOnStateChange, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Killing);
        f.Evaluate(ReplaceTaskAndEvaluateOnStateChange, TaskState.Finished);
        f.SetActualState(Configs.New);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending, TaskState.Assigned, TaskState.Starting);
        f.Evaluate(EvaluateAfterMinRunning, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Failed);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending, TaskState.Assigned, TaskState.Starting);
        f.Evaluate(EvaluateAfterMinRunning, TaskState.Running);
        f.AdvanceTime(MinRunningTime);
        f.EvaluateCurrentState(Succeeded);
    }

    // InstanceUpdaterTest.java: testUpdateRetryFailure
    // KILL_TASK_WITH_RESERVATION is the emulator's plain kill.
    [Fact]
    public void Evaluate_NewTaskFailsBeyondTolerance_FailsTerminated()
    {
        var f = new Fixture(Configs.New, 0);
        f.SetActualState(Configs.Old);
        f.Evaluate(KillTaskAndEvaluateOnStateChange, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Killing);
        f.Evaluate(ReplaceTaskAndEvaluateOnStateChange, TaskState.Finished);
        f.SetActualState(Configs.New);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending, TaskState.Assigned, TaskState.Starting);
        f.Evaluate(EvaluateAfterMinRunning, TaskState.Running);
        f.Evaluate(FailedTerminated, TaskState.Failed);
    }

    // InstanceUpdaterTest.java: testNoopUpdate
    [Fact]
    public void Evaluate_TaskAlreadyOnDesiredConfig_SucceedsOnceRunningForMinRunning()
    {
        var f = new Fixture(Configs.New, 1);
        f.SetActualState(Configs.New);
        f.Evaluate(EvaluateAfterMinRunning, TaskState.Running);
        f.AdvanceTime(MinRunningTime);
        f.Evaluate(Succeeded, TaskState.Running);
    }

    // InstanceUpdaterTest.java: testPointlessUpdate
    [Fact]
    public void Evaluate_NoTaskAndNothingDesired_Succeeds()
    {
        var f = new Fixture(null, 1);
        f.SetActualStateAbsent();
        f.EvaluateCurrentState(Succeeded);
    }

    // InstanceUpdaterTest.java: testNoOldConfig
    [Fact]
    public void Evaluate_NewInstance_AddsTaskThenSucceeds()
    {
        var f = new Fixture(Configs.New, 1);
        f.SetActualStateAbsent();
        f.EvaluateCurrentState(ReplaceTaskAndEvaluateOnStateChange);
        f.SetActualState(Configs.New);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending, TaskState.Assigned, TaskState.Starting);
        f.Evaluate(EvaluateAfterMinRunning, TaskState.Running);
        f.AdvanceTime(MinRunningTime);
        f.EvaluateCurrentState(Succeeded);
    }

    // InstanceUpdaterTest.java: testNoNewConfig
    [Fact]
    public void Evaluate_InstanceRemoved_KillsTaskThenSucceeds()
    {
        var f = new Fixture(null, 1);
        f.SetActualState(Configs.Old);
        f.Evaluate(KillTaskAndEvaluateOnStateChange, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Killing);
        f.Evaluate(Succeeded, TaskState.Finished);
        f.EvaluateCurrentState(Succeeded);
    }

    // InstanceUpdaterTest.java: testStuckInPending
    // KILL_TASK_WITH_RESERVATION is the emulator's plain kill.
    [Fact]
    public void Evaluate_NewTaskStuckInPending_KeepsWaitingForAStateChange()
    {
        var f = new Fixture(Configs.New, 1);
        f.SetActualState(Configs.Old);
        f.Evaluate(KillTaskAndEvaluateOnStateChange, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Killing);
        f.Evaluate(ReplaceTaskAndEvaluateOnStateChange, TaskState.Finished);
        f.SetActualState(Configs.New);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending);
        f.AdvanceTime(ALongTime);
        f.EvaluateCurrentState(EvaluateOnStateChange);
    }

    // InstanceUpdaterTest.java: testSlowToKill
    // KILL_TASK_WITH_RESERVATION is the emulator's plain kill.
    [Fact]
    public void Evaluate_NewTaskVanishesThenIsKilledWhileRunning_KeepsWaitingForAStateChange()
    {
        var f = new Fixture(Configs.New, 1);
        f.SetActualState(Configs.Old);
        f.Evaluate(KillTaskAndEvaluateOnStateChange, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Killing);
        f.Evaluate(ReplaceTaskAndEvaluateOnStateChange, TaskState.Finished);
        f.SetActualState(Configs.New);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending);
        f.AdvanceTime(ALongTime);
        f.EvaluateCurrentState(EvaluateOnStateChange);
        f.SetActualStateAbsent();
        f.EvaluateCurrentState(ReplaceTaskAndEvaluateOnStateChange);
        f.SetActualState(Configs.New);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending);
        f.Evaluate(EvaluateOnStateChange, TaskState.Assigned, TaskState.Starting);
        f.Evaluate(EvaluateAfterMinRunning, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Killing);
        f.AdvanceTime(ALongTime);
        f.EvaluateCurrentState(EvaluateOnStateChange);
    }

    // InstanceUpdaterTest.java: testInvalidInput
    // A RUNNING task of the old config with no task events at all: Aurora's precondition throws
    // IllegalArgumentException. The fake's "no events" is an empty History and no latest event.
    // Fails against src/: InstanceUpdater.HandleActualAndDesiredPresent has no such precondition.
    [Fact]
    public void Evaluate_TaskWithoutEvents_ThrowsArgumentException()
    {
        var updater = new InstanceUpdater(0, Configs.New, 1, MinRunningTime, new NeverHealthGated());
        var noEvents = new FakeTask("task", Configs.Old, TaskState.Running, []);

        Assert.ThrowsAny<ArgumentException>(() => updater.Evaluate(noEvents, T0));
    }

    // InstanceUpdaterTest.java: testOldTaskDies
    // The old task ends without passing through KILLING, so it will be rescheduled: no replacement yet.
    [Fact]
    public void Evaluate_OldTaskDiesWithoutBeingKilled_WaitsForItsReschedule()
    {
        var f = new Fixture(Configs.New, 1);
        f.SetActualState(Configs.Old);
        f.Evaluate(EvaluateOnStateChange, TaskState.Finished);
    }

    // InstanceUpdaterTest.java: testOldTaskDiesAndRescheduled
    // The rescheduled old task is killed: KILL_TASK_WITH_RESERVATION in Aurora, the emulator's plain kill here.
    [Fact]
    public void Evaluate_OldTaskDiesAndIsRescheduled_KillsItThenReplacesIt()
    {
        var f = new Fixture(Configs.New, 1);
        f.SetActualState(Configs.Old);
        f.Evaluate(EvaluateOnStateChange, TaskState.Finished);
        f.Evaluate(KillTaskAndEvaluateOnStateChange, TaskState.Pending);
        f.SetActualStateAbsent();
        f.EvaluateCurrentState(ReplaceTaskAndEvaluateOnStateChange);
        f.SetActualState(Configs.New);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending, TaskState.Assigned, TaskState.Starting);
        f.Evaluate(EvaluateAfterMinRunning, TaskState.Running);
        f.AdvanceTime(MinRunningTime);
        f.EvaluateCurrentState(Succeeded);
    }

    // No Aurora counterpart: the emulator's health gating. A task whose RUNNING already means healthy
    // succeeds at once, without waiting min-running time; the rest of the flow is Aurora's.
    [Fact]
    public void Evaluate_RunningAndHealthGated_SucceedsWithoutWaitingMinRunning()
    {
        var f = new Fixture(Configs.New, 1, new AlwaysHealthGated());
        f.SetActualState(Configs.Old);
        f.Evaluate(KillTaskAndEvaluateOnStateChange, TaskState.Running);
        f.Evaluate(EvaluateOnStateChange, TaskState.Killing);
        f.Evaluate(ReplaceTaskAndEvaluateOnStateChange, TaskState.Finished);
        f.SetActualState(Configs.New);
        f.Evaluate(EvaluateOnStateChange, TaskState.Pending, TaskState.Assigned, TaskState.Starting);
        f.Evaluate(Succeeded, TaskState.Running);
    }

    /// <summary>Aurora's TestFixture: an updater, a clock, and the instance's task, if any.</summary>
    private sealed class Fixture(TaskSpec? desired, int maxToleratedFailures, IGatingJudge? judge = null)
    {
        private readonly InstanceUpdater _updater = new(0, desired, maxToleratedFailures, MinRunningTime, judge ?? new NeverHealthGated());
        private DateTimeOffset _now = T0;
        private FakeTask? _task;

        public void SetActualState(TaskSpec config) => _task = FakeTask.Pending(config, _now);

        public void SetActualStateAbsent() => _task = null;

        public void AdvanceTime(TimeSpan time) => _now += time;

        public void EvaluateCurrentState(InstanceResult expected) => Assert.Equal(expected, _updater.Evaluate(_task, _now));

        /// <summary>Moves the task to each status in turn, expecting <paramref name="expected"/> after each.</summary>
        public void Evaluate(InstanceResult expected, params TaskState[] statuses)
        {
            foreach (var status in statuses)
            {
                _task = (_task ?? throw new InvalidOperationException("no task to change")).MoveTo(_now, status);
                Assert.Equal(expected, _updater.Evaluate(_task, _now));
            }
        }
    }
}
