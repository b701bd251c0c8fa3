using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Tests.Support;
using static Rollout.Domain.Model.InstanceAction;
using static Rollout.Domain.Model.UpdateStatus;
using static Rollout.Domain.Updates.ControlCommand;
using static Rollout.Emulator.Tests.Aurora.JobUpdaterIt;

namespace Rollout.Emulator.Tests.Aurora;

// Apache Aurora's JobUpdaterIT.java, ported onto the emulator's public API (files JobUpdaterIt*.cs, one
// test per IT method; shared pieces and the translation scheme in JobUpdaterItFixture.cs). The tests
// assert Aurora's behaviour, including where the emulator still deviates from it.
//
// Not ported (the emulator does not model what they exercise):
// - testRecoverCoordinatedUpdateFromStorage, testRecoverLongPulseTimeoutCoordinatedUpdateFromStorage,
//   testRecoverAwaitingPulseFromStorage, testRecoverCoordinatedPausedFromStorage, testRecoverFromStorage:
//   recovering updates from storage after a scheduler restart (systemResume, inferred pulse timestamps).
// - testUnblockDeletedUpdate: deleting updates from the store under a blocked update.
// - testConfigurationPolicyChange: rewriting a persisted update's settings behind the updater's back (-> ERROR).
// - testShutdownOnFailedPulse: scheduler lifecycle shutdown when an updater side effect throws (a mock driver).
// - testBadPubsubUpdate: a malformed internal pubsub task event; nothing public can send one.
// - testUpdateSpecificInstances, testUpdateSpecificInstancesSkipUnchanged: updateOnlyTheseInstances and
//   desired states covering part of the job; updates here always span instances 0..n-1.
// - testSuccessfulSlaAwareUpdate, testSuccessfulSlaAwareUpdateWithPause, testSuccessfulSlaAwareUpdateWithRollback:
//   SLA-aware kills (slaAware settings, count SLA policies, SlaKillController).
// Also not modelled, so left out of the ported tests: tasks outside the update's instances (instance 100
// in testSuccessfulUpdate), agent reservations for replacements, and the manual rollback command (the
// engine has pause, resume and abort only; see the rollback tests for how those cases were ported).

/// <summary>JobUpdaterIT: updates that roll forward.</summary>
public class JobUpdaterItRollForwardTests
{
    // JobUpdaterIT.java: testSuccessfulUpdate
    // 0 put on NEW by an aborted update, job grows 2 -> 3 (IT's added 1 / old 2 are 2 / 1 here); vPrev; no task fails while paused.
    [Fact]
    public void Update_OneInstanceNewOneAddedOnePausedForADay_AddsFirstLeavesTheNewOneAloneAndRollsForward()
    {
        using var h = new EngineHarness();
        var job = h.Job("job1", 2, vCurrentFraction: 0, spec: Old);
        h.UpdateFirst(job, New, 1);

        var key = h.Update(job, Queue, New, instances: 3);
        Assert.Equal(RollingForward, h.Engine.StatusOf(key));
        h.AssertActions(key, (2, InstanceUpdating));

        h.RunUntil(() => h.LatestStates(job).GetValueOrDefault(2) == TaskState.Running, "added instance RUNNING");
        Assert.Equal(ControlResult.Ok(RollForwardPaused), h.Steer(Pause, key));
        var events = h.UpdaterEvents().Count;
        Assert.Equal(ControlResult.Ok(RollForwardPaused), h.Steer(Pause, key)); // pausing again is a no-op
        h.Run(TimeSpan.FromDays(1));
        Assert.Equal(events, h.UpdaterEvents().Count);
        h.AssertActions(key, (2, InstanceUpdating));

        Assert.Equal(ControlResult.Ok(RollingForward), h.Steer(Resume, key));
        h.AssertActions(key, (2, InstanceUpdating), (2, InstanceUpdated), (1, InstanceUpdating));

        Assert.Equal(RolledForward, h.RunToEnd(key));
        Assert.Equal([(2, InstanceUpdating), (2, InstanceUpdated), (1, InstanceUpdating), (1, InstanceUpdated)], h.Trail(key));
        Assert.Equal(2, h.Engine.GetUpdateDetails(key)!.Summary.UpdatedCount);
        Assert.All(h.LatestStates(job).Values, s => Assert.Equal(TaskState.Running, s));
        Assert.Equal([RollingForward, RollForwardPaused, RollingForward, RolledForward], h.Statuses(key));
        AssertByOperator(h.StatusEvent(key, RollForwardPaused), RollForwardPaused);
        AssertAutomatic(h.LastStatusEvent(key), RolledForward, string.Empty);

        Assert.Equal(ControlOutcome.InvalidRequest, h.Steer(Abort, key).Outcome);
    }

    // JobUpdaterIT.java: testSuccessfulBatchedUpdate
    // Hosts half vCurrent: the batch's replacements land one on each, so one is updated at RUNNING and the other a watch later.
    [Fact]
    public void Update_BatchOfTwoOneFinishesFirst_WaitsForTheWholeBatchBeforeTheNext()
    {
        using var h = new EngineHarness();
        var job = h.Job("job1", 3, vCurrentFraction: 0.5, hosts: 2, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Batch(2), New);
        h.AssertActions(key, (0, InstanceUpdating), (1, InstanceUpdating));

        h.RunUntil(() => h.Has(key, 0, InstanceUpdated) || h.Has(key, 1, InstanceUpdated), "first of the batch updated");
        var first = Assert.Single(h.Actions(key), a => a.Action == InstanceUpdated).InstanceId;
        Assert.Equal(RollingForward, h.Engine.StatusOf(key));
        h.AssertActions(key, (0, InstanceUpdating), (1, InstanceUpdating), (first, InstanceUpdated));

        Assert.Equal(RolledForward, h.RunToEnd(key));
        h.AssertActions(key,
            (0, InstanceUpdating), (0, InstanceUpdated),
            (1, InstanceUpdating), (1, InstanceUpdated),
            (2, InstanceUpdating), (2, InstanceUpdated));
        var updated = h.Actions(key).Where(a => a.Action == InstanceUpdated && a.InstanceId != 2).ToList();
        var nextBatch = Assert.Single(h.Actions(key), a => a.InstanceId == 2 && a.Action == InstanceUpdating);
        Assert.True(updated[0].Timestamp < updated[1].Timestamp, "one instance of the batch finished first");
        Assert.Equal(updated[1].Timestamp, nextBatch.Timestamp);
        Assert.Equal([RollingForward, RolledForward], h.Statuses(key));
    }

    // JobUpdaterIT.java: testImmediatelySuccessfulUpdate
    // The job has run OLD for a day and the update asks for OLD.
    [Fact]
    public void Update_EveryInstanceAlreadyDesiredAndStable_RollsForwardAtOnceWithNoActions()
    {
        using var h = new EngineHarness();
        var job = h.Job("job1", 3, vCurrentFraction: 0, spec: Old);
        h.Run(TimeSpan.FromDays(1));

        var key = h.Update(job, Queue, Old);

        Assert.Equal(RolledForward, h.Engine.StatusOf(key));
        Assert.Empty(h.Trail(key));
        Assert.Equal(0, h.Engine.GetUpdateDetails(key)!.Summary.UpdatedCount);
        Assert.DoesNotContain(h.StatusUpdates(), e => e.Item.State == TaskState.Killing);
        Assert.Equal([RollingForward, RolledForward], h.Statuses(key));
    }

    // JobUpdaterIT.java: testAddInstances
    // Two stable instances already on the desired config; the update asks for three.
    [Fact]
    public void Update_AddingAnInstance_TouchesOnlyTheNewInstance()
    {
        using var h = new EngineHarness();
        var job = h.Job("job1", 2, vCurrentFraction: 0, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Queue, Old, instances: 3);
        h.AssertActions(key, (2, InstanceUpdating));

        Assert.Equal(RolledForward, h.RunToEnd(key));
        Assert.Equal([(2, InstanceUpdating), (2, InstanceUpdated)], h.Trail(key));
        Assert.Equal(3, h.LatestStates(job).Count(s => s.Value == TaskState.Running));
        Assert.DoesNotContain(h.StatusUpdates(), e => e.Item.State == TaskState.Killing);
    }

    // JobUpdaterIT.java: testRemoveInstances
    // Two stable instances already on the desired config; the update asks for one.
    [Fact]
    public void Update_RemovingAnInstance_KillsItForTheUpdateAndLeavesTheOtherAlone()
    {
        using var h = new EngineHarness();
        var job = h.Job("job1", 2, vCurrentFraction: 0, spec: Old);
        h.Run(Watch);

        var key = h.Update(job, Queue, Old, instances: 1);
        h.AssertActions(key, (1, InstanceUpdating));

        Assert.Equal(RolledForward, h.RunToEnd(key));
        Assert.Equal([(1, InstanceUpdating), (1, InstanceUpdated)], h.Trail(key));
        Assert.Equal(new Dictionary<int, TaskState> { [0] = TaskState.Running, [1] = TaskState.Killed }, h.LatestStates(job));
        var kill = Assert.Single(h.StatusUpdates(), e => e.Item.State == TaskState.Killing).Item;
        Assert.Equal((1, $"Killed for job update {key.Id}"), (kill.InstanceId, kill.Message));
    }
}
