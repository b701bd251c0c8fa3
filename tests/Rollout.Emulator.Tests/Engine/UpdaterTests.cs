using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Tests.Support;

namespace Rollout.Emulator.Tests.Engine;

/// <summary>The updater against Aurora's own behaviour (after JobUpdaterIT).</summary>
public class UpdaterTests
{
    private static readonly UpdateSettings Batch2 = new()
    {
        Strategy = UpdateStrategyKind.Batch, GroupSize = 2, WatchSecs = 30, MaxPerInstanceFailures = 0, MaxFailedInstances = 0,
    };

    private static readonly AppProfile NeverHealthy = new() { NeverHealthy = true };

    [Fact]
    public void StartUpdate_AllVCurrent_RollsForwardHealthGated()
    {
        using var h = new EngineHarness();
        var job = h.Job("web", 6);
        var key = h.Update(job, Batch2);

        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(key));

        var decisions = h.UpdaterEvents<GatingDecisionMade>(key);
        Assert.Equal(6, decisions.Count);
        Assert.All(decisions, d => Assert.Equal(GatingMode.HealthGated, d.Mode));
        Assert.Equal(Enumerable.Range(0, 6), h.Actions(key).Where(a => a.Action == InstanceAction.InstanceUpdated).Select(a => a.InstanceId).Order());
    }

    [Fact]
    public void StartUpdate_VPrevExecutors_WaitWatchSecsAfterRunning()
    {
        using var h = new EngineHarness();
        var job = h.Job("web", 2, vCurrentFraction: 0);
        var key = h.Update(job, Batch2);

        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(key));

        var running = h.StatusUpdates().Select(e => e.Item).Where(u => u.State == TaskState.Running && u.Message.Length == 0 && u.Timestamp > EngineHarness.Start).ToList();
        foreach (var updated in h.Actions(key).Where(a => a.Action == InstanceAction.InstanceUpdated))
        {
            var runningAt = running.Last(r => r.InstanceId == updated.InstanceId).Timestamp;
            Assert.Equal(TimeSpan.FromSeconds(30), updated.Timestamp - runningAt);
        }

        Assert.All(h.UpdaterEvents<GatingDecisionMade>(key), d => Assert.Equal(GatingMode.WatchSecs, d.Mode));
    }

    [Fact]
    public void Pause_Twice_SecondIsSilentSuccess()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 4), Batch2);

        var first = h.Engine.Control(ControlCommand.Pause, key, "bob", "hold on");
        var eventsAfterFirst = h.UpdaterEvents().Count;
        var second = h.Engine.Control(ControlCommand.Pause, key, "bob", "hold on again");

        Assert.Equal(ControlResult.Ok(UpdateStatus.RollForwardPaused), first);
        Assert.Equal(ControlResult.Ok(UpdateStatus.RollForwardPaused), second);
        Assert.Equal(eventsAfterFirst, h.UpdaterEvents().Count);
        var paused = h.UpdaterEvents<UpdateStatusChanged>(key)[^1];
        Assert.Equal(("bob", "hold on"), (paused.User, paused.Message));
    }

    [Fact]
    public void Pause_WhileTasksFail_TakesNoActionForADay()
    {
        using var h = new EngineHarness();
        var crashing = EngineHarness.Spec("v2", new AppProfile { HealthyAfterSecs = new SecondsRange(1, 2), CrashAfterRunningSecs = 10 });
        var key = h.Update(h.Job("web", 4, vCurrentFraction: 0), Batch2 with { MaxPerInstanceFailures = 5, MaxFailedInstances = 5 }, crashing);
        h.Run(TimeSpan.FromSeconds(8));
        h.Engine.Control(ControlCommand.Pause, key, "bob", "investigating");
        var updaterEvents = h.UpdaterEvents().Count;
        var failuresBefore = h.StatusUpdates().Count(e => e.Item.State == TaskState.Failed);

        h.Run(TimeSpan.FromDays(1));

        Assert.Equal(updaterEvents, h.UpdaterEvents().Count);
        Assert.Equal(UpdateStatus.RollForwardPaused, h.Engine.StatusOf(key));
        Assert.True(h.StatusUpdates().Count(e => e.Item.State == TaskState.Failed) > failuresBefore + 100, "tasks kept failing while paused");
    }

    [Fact]
    public void Pause_WhileOldTasksAreBeingKilled_LaunchesNoReplacementUntilResumed()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 4), Batch2);
        h.Engine.Control(ControlCommand.Pause, key, "bob", "wait"); // the first batch's old tasks are KILLING

        h.Run(TimeSpan.FromMinutes(10));
        var updates = h.StatusUpdates().Select(e => e.Item).ToList();
        Assert.Equal(2, updates.Count(u => u.State == TaskState.Killed));
        Assert.DoesNotContain(updates, u => u.State == TaskState.Pending);

        h.Engine.Control(ControlCommand.Resume, key, "bob", "go");
        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(key));
    }

    [Fact]
    public void Resume_AfterPause_FinishesTheUpdate()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 4), Batch2);
        h.Engine.Control(ControlCommand.Pause, key, "bob", "hold");
        h.Run(TimeSpan.FromMinutes(10));

        var resumed = h.Engine.Control(ControlCommand.Resume, key, "bob", "go");

        Assert.Equal(ControlResult.Ok(UpdateStatus.RollingForward), resumed);
        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(key));
    }

    [Fact]
    public void Abort_FinishedUpdate_IsInvalidRequest()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 2), Batch2);
        h.RunToEnd(key);

        var result = h.Engine.Control(ControlCommand.Abort, key, "bob", "too late");

        Assert.Equal(ControlOutcome.InvalidRequest, result.Outcome);
        Assert.Equal(UpdateStatus.RolledForward, result.Status);
        Assert.Contains("ROLLED_FORWARD", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Abort_ActiveUpdate_StopsAllActions()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 6), Batch2);
        h.Run(TimeSpan.FromSeconds(3));

        Assert.Equal(ControlResult.Ok(UpdateStatus.Aborted), h.Engine.Control(ControlCommand.Abort, key, "bob", "stop"));
        var events = h.UpdaterEvents().Count;
        var launched = h.StatusUpdates().Count(e => e.Item.State == TaskState.Pending);
        h.Run(TimeSpan.FromHours(1));

        Assert.Equal(events, h.UpdaterEvents().Count);
        Assert.Equal(launched, h.StatusUpdates().Count(e => e.Item.State == TaskState.Pending));
        Assert.Equal(ControlOutcome.InvalidRequest, h.Engine.Control(ControlCommand.Resume, key, "bob", "oops").Outcome);
    }

    [Fact]
    public void Pause_UnknownUpdate_IsInvalidRequest()
    {
        using var h = new EngineHarness();
        h.Job("web", 1);

        var result = h.Engine.Control(ControlCommand.Pause, new UpdateKey(new JobKey("www-data", "prod", "web"), "nope"), "bob", "x");

        Assert.Equal(ControlOutcome.InvalidRequest, result.Outcome);
        Assert.Null(result.Status);
    }

    [Fact]
    public void Control_WithoutUserOrNotAllowed_IsAuthFailed()
    {
        using var h = new EngineHarness(options: new() { AllowedOperators = ["ops"] });
        var key = h.Update(h.Job("web", 2), Batch2);

        Assert.Equal(ControlOutcome.AuthFailed, h.Engine.Control(ControlCommand.Pause, key, "", "x").Outcome);
        Assert.Equal(ControlOutcome.AuthFailed, h.Engine.Control(ControlCommand.Pause, key, "mallory", "x").Outcome);
        Assert.Equal(ControlOutcome.Ok, h.Engine.Control(ControlCommand.Pause, key, "ops", "x").Outcome);
    }

    [Fact]
    public void Rollback_AfterFailures_WalksBatchesInReverse()
    {
        using var h = new EngineHarness();
        var settings = Batch2 with { MaxFailedInstances = 3 };
        var key = h.Update(h.Job("web", 6), settings, EngineHarness.Spec("v2", NeverHealthy));

        Assert.Equal(UpdateStatus.RolledBack, h.RunToEnd(key));

        var actions = h.Actions(key);
        var rollingBack = actions.Where(a => a.Action == InstanceAction.InstanceRollingBack).Select(a => a.InstanceId).ToArray();
        Assert.Equal([3, 2, 1, 0], rollingBack);
        var lastOfFirstGroup = actions.Where(a => a.Action == InstanceAction.InstanceRolledBack && a.InstanceId is 3 or 2).Max(a => a.Timestamp);
        var firstOfSecondGroup = actions.First(a => a.Action == InstanceAction.InstanceRollingBack && a.InstanceId == 1).Timestamp;
        Assert.True(firstOfSecondGroup >= lastOfFirstGroup);
        Assert.DoesNotContain(actions, a => a.InstanceId is 4 or 5);
        Assert.Equal([UpdateStatus.RollingForward, UpdateStatus.RollingBack, UpdateStatus.RolledBack], h.Statuses(key));
    }

    [Fact]
    public void Rollback_Disabled_EndsFailed()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 4), Batch2 with { RollbackOnFailure = false }, EngineHarness.Spec("v2", NeverHealthy));

        Assert.Equal(UpdateStatus.Failed, h.RunToEnd(key));
        Assert.DoesNotContain(h.Actions(key), a => a.Action == InstanceAction.InstanceRollingBack);
    }

    [Fact]
    public void FailureLimits_AreStrict()
    {
        using var h = new EngineHarness();
        // One failed instance is allowed; each instance may fail once and be retried.
        var settings = new UpdateSettings
        {
            Strategy = UpdateStrategyKind.Batch, GroupSize = 1, WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 1,
        };
        var key = h.Update(h.Job("web", 3), settings, EngineHarness.Spec("v2", NeverHealthy));

        Assert.Equal(UpdateStatus.RolledBack, h.RunToEnd(key));

        var actions = h.Actions(key);
        var failed = actions.Where(a => a.Action == InstanceAction.InstanceUpdateFailed).Select(a => a.InstanceId).ToArray();
        Assert.Equal([0, 1], failed);
        Assert.DoesNotContain(actions, a => a.InstanceId == 2);

        // Instance 0 failed only on its second failed task: failures > maxPerInstanceFailures.
        var failedTasks = h.StatusUpdates().Select(e => e.Item)
            .Where(u => u.InstanceId == 0 && u.State == TaskState.Failed && u.Timestamp <= actions.First(a => a.Action == InstanceAction.InstanceUpdateFailed).Timestamp)
            .Select(u => u.TaskId).Distinct().Count();
        Assert.Equal(2, failedTasks);
    }

    [Fact]
    public void AutoPause_AfterEachBatch_WaitsForResume()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 6), Batch2 with { AutoPauseAfterBatch = true });

        h.Run(TimeSpan.FromMinutes(5));
        Assert.Equal(UpdateStatus.RollForwardPaused, h.Engine.StatusOf(key));
        var pause = h.UpdaterEvents<UpdateStatusChanged>(key)[^1];
        Assert.Equal("Update auto paused", pause.Message);
        Assert.Equal(2, h.Actions(key).Count(a => a.Action == InstanceAction.InstanceUpdating));

        h.Engine.Control(ControlCommand.Resume, key, "bob", "next batch");
        h.Run(TimeSpan.FromMinutes(5));
        Assert.Equal(UpdateStatus.RollForwardPaused, h.Engine.StatusOf(key));
        Assert.Equal(4, h.Actions(key).Count(a => a.Action == InstanceAction.InstanceUpdating));

        h.Engine.Control(ControlCommand.Resume, key, "bob", "last batch");
        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(key));
        Assert.Equal(2, h.UpdaterEvents<UpdateStatusChanged>(key).Count(s => s.Message == "Update auto paused"));
    }

    [Fact]
    public void Pulse_ExpiryBlocks_AndAPulseUnblocks()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 8), Batch2 with { PulseIntervalSecs = 30 });

        Assert.Equal(UpdateStatus.RollForwardAwaitingPulse, h.Engine.StatusOf(key));
        h.Run(TimeSpan.FromMinutes(2));
        Assert.Empty(h.Actions(key));

        Assert.Equal(PulseOutcome.Ok, h.Engine.Pulse(key).Outcome);
        var unblocked = h.UpdaterEvents<UpdateStatusChanged>(key)[^1];
        Assert.Equal((UpdateStatus.RollingForward, "", ""), (unblocked.Status, unblocked.User, unblocked.Message));
        var expiry = h.Time.GetUtcNow().AddSeconds(30);

        // No timer: the expired pulse is noticed at the update's next evaluation (a task event).
        h.Run(TimeSpan.FromMinutes(2));
        var blocked = h.UpdaterEvents<UpdateStatusChanged>(key)[^1];
        Assert.Equal((UpdateStatus.RollForwardAwaitingPulse, "", "Pulses from external service have timed out."), (blocked.Status, blocked.User, blocked.Message));
        Assert.True(blocked.Timestamp >= expiry, $"blocked at {blocked.Timestamp:O}, before the pulse expired at {expiry:O}");
        Assert.DoesNotContain(h.Actions(key), a => a.Timestamp > blocked.Timestamp);

        h.Engine.Pulse(key);
        Assert.Equal(UpdateStatus.RollingForward, h.Engine.StatusOf(key));
    }

    [Fact]
    public void Pulse_IsPublishedWithItsDeadline_AndSnapshotsKeepOnlyTheLatest()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 4), Batch2 with { PulseIntervalSecs = 30 });

        h.Engine.Pulse(key);
        h.Run(TimeSpan.FromSeconds(10));
        h.Engine.Pulse(key);

        var pulses = h.UpdaterEvents<PulseReceived>(key);
        Assert.Equal(2, pulses.Count);
        Assert.Equal(pulses[1].Timestamp.AddSeconds(30), pulses[1].Deadline);
        Assert.Equal([pulses[1]], h.Engine.UpdaterSnapshot().Items.OfType<PulseReceived>());
    }

    [Fact]
    public void Resume_CoordinatedWithExpiredPulse_AwaitsPulse()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 4), Batch2 with { PulseIntervalSecs = 30 });
        h.Engine.Pulse(key);
        h.Engine.Control(ControlCommand.Pause, key, "bob", "hold");
        h.Run(TimeSpan.FromMinutes(1));

        var result = h.Engine.Control(ControlCommand.Resume, key, "bob", "go");

        Assert.Equal(ControlResult.Ok(UpdateStatus.RollForwardAwaitingPulse), result);
    }

    // JobUpdateControllerImpl.pulse: only an active coordinated update has a pulse state; Aurora
    // answers FINISHED for any other key, unknown, uncoordinated or finished.
    [Fact]
    public void Pulse_UnknownUncoordinatedOrFinished_AnswersFinished()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 2), Batch2);
        Assert.Equal(PulseOutcome.Finished, h.Engine.Pulse(key with { Id = "nope" }).Outcome);
        Assert.Equal(PulseOutcome.Finished, h.Engine.Pulse(key).Outcome);
        h.RunToEnd(key);

        Assert.Equal(PulseOutcome.Finished, h.Engine.Pulse(key).Outcome);
        Assert.DoesNotContain(h.UpdaterEvents().Select(e => e.Item), e => e is PulseReceived);
    }

    // JobUpdateControllerImpl.java: every change into a rolling status builds a fresh updater (and
    // fresh InstanceUpdaters), so failures observed before a pause do not count after the resume.
    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    public void Resume_FreshUpdater_RestartsPerInstanceFailureCounts(bool pauseAfterFirstCrash, int crashesBeforeFailed)
    {
        using var h = new EngineHarness();
        var job = h.Job("web", 1, vCurrentFraction: 0);
        var crashing = EngineHarness.Spec("v2", new AppProfile { CrashAfterRunningSecs = 20 });
        var key = h.Update(job, new UpdateSettings
        {
            Strategy = UpdateStrategyKind.Batch, GroupSize = 1, WatchSecs = 60, MaxPerInstanceFailures = 1, MaxFailedInstances = 0, RollbackOnFailure = false,
        }, crashing);

        if (pauseAfterFirstCrash)
        {
            h.RunUntil(() => Crashes(h, DateTimeOffset.MaxValue) == 1, "the first crash");
            Assert.Equal(UpdateStatus.RollForwardPaused, h.Engine.Control(ControlCommand.Pause, key, "bob", "look").Status);
            Assert.Equal(UpdateStatus.RollingForward, h.Engine.Control(ControlCommand.Resume, key, "bob", "go on").Status);
        }

        Assert.Equal(UpdateStatus.Failed, h.RunToEnd(key));
        var failed = h.Actions(key).Single(a => a.Action == InstanceAction.InstanceUpdateFailed);
        Assert.Equal(crashesBeforeFailed, Crashes(h, failed.Timestamp));
    }

    private static int Crashes(EngineHarness h, DateTimeOffset until) =>
        h.StatusUpdates().Select(e => e.Item).Count(u => u.State == TaskState.Failed && u.Timestamp <= until);

    // JobUpdateStateMachine.java: resuming a rolling update whose pulse has expired has no target in
    // Aurora's blocked-resume map, so it is refused; the update blocks at its next evaluation instead.
    [Fact]
    public void Resume_RollingWithExpiredPulse_IsRefused()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 2, vCurrentFraction: 0), Batch2 with { WatchSecs = 600, PulseIntervalSecs = 30 });
        h.Engine.Pulse(key);
        h.RunUntil(() => h.StatusUpdates().Count(e => e.Item.State == TaskState.Running && e.Item.Timestamp > EngineHarness.Start) == 2, "both new tasks RUNNING");
        h.Engine.Pulse(key);
        h.Run(TimeSpan.FromSeconds(60)); // the pulse expires while every instance sits in watch_secs: no evaluation

        var result = h.Engine.Control(ControlCommand.Resume, key, "bob", "go");

        Assert.Equal(ControlOutcome.InvalidRequest, result.Outcome);
        Assert.Equal(UpdateStatus.RollingForward, h.Engine.StatusOf(key));
    }

    [Fact]
    public void Queue_KeepsGroupSizeInFlight()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 9), new UpdateSettings { Strategy = UpdateStrategyKind.Queue, GroupSize = 3, WatchSecs = 10 });

        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(key));

        var inFlight = 0;
        var max = 0;
        foreach (var action in h.Actions(key))
        {
            inFlight += action.Action == InstanceAction.InstanceUpdating ? 1 : -1;
            max = Math.Max(max, inFlight);
        }

        Assert.Equal(3, max);
    }

    [Fact]
    public void VariableBatch_UsesSizesInOrderAndRepeatsTheLast()
    {
        using var h = new EngineHarness();
        var key = h.Update(h.Job("web", 9), new UpdateSettings { Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = [1, 3], WatchSecs = 10 });

        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(key));

        var starts = h.Actions(key).Where(a => a.Action == InstanceAction.InstanceUpdating).GroupBy(a => a.Timestamp).Select(g => g.Count());
        Assert.Equal([1, 3, 3, 2], starts);
    }

    [Fact]
    public void Update_ChangingInstanceCount_AddsAndRemovesInstances()
    {
        using var h = new EngineHarness();
        var job = h.Job("web", 2);
        var grow = h.Update(job, Batch2, instances: 3);
        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(grow));
        var shrink = h.Update(job, Batch2, EngineHarness.Spec("v3"), instances: 1);
        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(shrink));

        var latest = h.Engine.StatusSnapshot().Items.GroupBy(u => u.InstanceId).ToDictionary(g => g.Key, g => g.Last());
        Assert.Equal(TaskState.Running, latest[0].State);
        Assert.Equal(TaskState.Killed, latest[1].State);
        Assert.Equal(TaskState.Killed, latest[2].State);
    }
}
