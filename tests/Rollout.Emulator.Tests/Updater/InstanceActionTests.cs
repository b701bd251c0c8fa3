using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Emulator.Tests.Support;

namespace Rollout.Emulator.Tests.Updater;

// Ported from Aurora's AddTaskTest.java and KillTaskTest.java (InstanceActionHandler.AddTask and
// KillTask), through the engine's public API: Aurora calls the handler directly against mocked storage;
// here an update makes the controller act, and the task log shows what it did.
//
// Ported: AddTaskTest.testAddInstance, KillTaskTest.testInstanceKill.
//
// Not ported, and why:
// - AddTaskTest.testAddInstanceCollisionDoesNotThrow: AddTask finding an active task already there. In
//   the emulator the updater evaluates and the controller acts on the same synchronous state
//   (JobUpdateController.Evaluation.cs, Act: `job.ActiveTask(id) is null`), with no asynchronous event
//   race and no public API that adds a task behind the updater's back, so the collision cannot be
//   produced through the engine. The guard is there; it is not reachable from a test.
// - AddTaskTest.testInstanceNotFound: Aurora throws when rolling back an add for an instance missing from
//   the initial state, which needs hand-built inconsistent instructions. The emulator derives both the
//   updater's wish to add and the config it launches from the same UpdateRun.TargetFor, so an add with
//   no config cannot happen (Act would skip it silently rather than throw).
// - KillTaskTest.testInstanceNotFoundDoesNotThrow: KillTask finding no active task. Unreachable for the
//   same reason as the collision above (Act: `job.ActiveTask(id) is { } task`).
// - KillTaskTest.testKillForUpdateReservesAgentForInstance: agent reservation for the replacement; the
//   emulator models no resources or reservations (KILL_TASK_WITH_RESERVATION is a plain kill).
// - KillTaskTest.testInstanceKillSlaAware, testInstanceKillSlaAwareRollback,
//   testInstanceKillSlaAwareKillCommand, testInstanceKillSlaAwareMissingSlaPolicy,
//   testInstanceKillSlaAwareBadStatus: SLA-aware kills; the emulator has no SLA policies, no slaAware
//   setting and no SlaKillController.

/// <summary>What the controller does to an instance's task when the updater asks it to add or kill one.</summary>
public class InstanceActionTests
{
    private static readonly UpdateSettings Queue = new()
    {
        Strategy = UpdateStrategyKind.Queue, GroupSize = 1, WatchSecs = 30, MaxPerInstanceFailures = 0, MaxFailedInstances = 0,
    };

    // AddTaskTest.java: testAddInstance
    // The update adds instance 1, which has no task: the scheduler inserts one PENDING task for it, of the
    // desired config (the instance counts as updated only once a task of the desired config is stable).
    [Fact]
    public void AddTask_InstanceWithoutActiveTask_InsertsOnePendingTaskOfTheDesiredConfig()
    {
        using var h = new EngineHarness();
        var job = h.Job("web", 1);
        h.Run(TimeSpan.FromSeconds(30));

        var key = h.Update(job, Queue, EngineHarness.Spec("v1"), instances: 2);
        var startedAt = h.Time.GetUtcNow();

        var added = Assert.Single(h.StatusUpdates(), e => e.Item.InstanceId == 1).Item;
        Assert.Equal((TaskState.Pending, StatusSource.Scheduler, startedAt), (added.State, added.Source, added.Timestamp));

        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(key));
        Assert.Single(h.StatusUpdates().Where(e => e.Item.InstanceId == 1).Select(e => e.Item.TaskId).Distinct());
        Assert.Contains(h.Actions(key), a => a.InstanceId == 1 && a.Action == InstanceAction.InstanceUpdated);
        Assert.DoesNotContain(h.StatusUpdates(), e => e.Item.State == TaskState.Killing);
    }

    // KillTaskTest.java: testInstanceKill
    // Aurora kills while ROLLING_BACK. Here the update adds instance 1 with a config that crashes within
    // watch_secs; the update fails and rolls back, and the rollback kills the instance's active task (its
    // restart) with Aurora's message.
    [Fact]
    public void KillTask_InstanceWithActiveTaskWhileRollingBack_KillsItForTheUpdate()
    {
        using var h = new EngineHarness();
        var job = h.Job("web", 1, vCurrentFraction: 0);
        h.Run(TimeSpan.FromSeconds(60));
        var crashing = EngineHarness.Spec("v2", EngineHarness.FastApp with { CrashAfterRunningSecs = 10 });

        var key = h.Update(job, Queue, crashing, instances: 2);

        Assert.Equal(UpdateStatus.RolledBack, h.RunToEnd(key));
        var kill = Assert.Single(h.StatusUpdates(), e => e.Item.State == TaskState.Killing).Item;
        Assert.Equal((1, $"Killed for job update {key.Id}", StatusSource.Scheduler), (kill.InstanceId, kill.Message, kill.Source));
        var rollingBack = h.UpdaterEvents<UpdateStatusChanged>(key).First(e => e.Status == UpdateStatus.RollingBack);
        Assert.Equal(rollingBack.Timestamp, kill.Timestamp);

        // The task killed was active: its previous update was not terminal.
        var before = h.StatusUpdates().Select(e => e.Item).Where(u => u.TaskId == kill.TaskId).TakeWhile(u => u != kill).Last();
        Assert.True(before.State.IsActive(), $"killed task was {before.State}");
    }
}
