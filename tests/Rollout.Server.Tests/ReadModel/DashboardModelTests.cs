using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.ReadModel;

public class DashboardModelTests
{
    private static readonly string KeyText = DashboardKeys.Of(Key);
    private readonly FakeTimeProvider _time = new(T0);

    private DashboardModel NewModel() => new(_time, TimeSpan.FromSeconds(15));

    private static UpdateSnapshot Snapshot(DashboardModel model)
    {
        model.Publish();
        return model.UpdateSnapshot(KeyText);
    }

    private static InstanceView View(DashboardModel model, int instance) => Snapshot(model).DecodeRows().Single(i => i.InstanceId == instance);

    private static DeltaBatch? BatchOf(ChangeSet? changes, string? view = null) => changes?.Batches.GetValueOrDefault(view ?? KeyText);

    [Fact]
    public void Fold_StatusBeforeUpdateStarted_StillLandsOnTheInstance()
    {
        var model = NewModel();
        model.ApplyStatus(TaskUpdate(1, "t1", TaskState.Starting, 5));
        model.ApplyStatus(TaskUpdate(1, "t1", TaskState.Running, 20, VCurrentRunning));
        model.ApplyUpdater(Started());
        model.ApplyUpdater(Status(UpdateStatus.RollingForward));
        model.ApplyUpdater(Action(1, InstanceAction.InstanceUpdating, 1));

        var view = View(model, 1);
        var detail = model.Detail(Key, 1)!;

        Assert.Equal(("t1", TaskState.Running, ExecutorVersion.VCurrent), (view.TaskId, view.TaskStatus, view.ExecutorVersion));
        Assert.Equal(GatingMode.HealthGated, view.GatingMode);
        Assert.Equal(["HEALTH_GATED_RUNNING"], view.Capabilities);
        Assert.Equal(["WARP_DRIVE"], view.UnknownCapabilities);
        Assert.Equal(HealthState.Healthy, view.HealthState);
        Assert.Equal(3, detail.Verdicts.Count);
        Assert.True(detail.Verdicts.Single(v => v.Strategy == DetectionStrategy.Capabilities).UsedByUpdater);
        Assert.Contains("RUNNING counts as healthy", detail.GatingReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_InstancesRolledBackAfterFailing_StillCountAsFailed()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyUpdater(Status(UpdateStatus.RollingForward));
        model.ApplyUpdater(Action(0, InstanceAction.InstanceUpdating, 1));
        model.ApplyUpdater(Action(1, InstanceAction.InstanceUpdating, 1));
        model.ApplyUpdater(Action(0, InstanceAction.InstanceUpdateFailed, 5));
        model.ApplyUpdater(Action(1, InstanceAction.InstanceUpdated, 5));
        var before = Snapshot(model).Update!;
        Assert.Equal((1, 1), (before.FailedCount, before.UpdatedCount));

        model.ApplyUpdater(Status(UpdateStatus.RollingBack, 6, user: ""));
        model.ApplyUpdater(Action(1, InstanceAction.InstanceRollingBack, 6));
        model.ApplyUpdater(Action(0, InstanceAction.InstanceRollingBack, 6));
        model.ApplyUpdater(Action(1, InstanceAction.InstanceRolledBack, 9));
        model.ApplyUpdater(Action(0, InstanceAction.InstanceRolledBack, 9));

        var header = Snapshot(model).Update!;
        Assert.Equal(1, header.FailedCount);
        Assert.Equal(0, header.UpdatedCount); // instance 1 is back on the old configuration
        Assert.Equal(InstanceAction.InstanceRolledBack, View(model, 0).UpdateAction);
    }

    [Fact]
    public void ReplaceStatus_EmptySnapshotAfterTheUpdaterStreamsEvents_KeepsTheSchedulersClock()
    {
        var model = NewModel();
        _time.Advance(TimeSpan.FromHours(1)); // the server's clock runs an hour ahead of the scheduler's
        model.ReplaceUpdater([Started()]);
        model.ApplyUpdater(Status(UpdateStatus.RollingForward, 5));

        model.ReplaceStatus([]); // the status stream's snapshot arrives second, and holds nothing
        model.Publish();

        Assert.Equal(T0.AddSeconds(5), model.SchedulerNow);
    }

    [Fact]
    public void Fold_Duplicates_ChangeNothing()
    {
        var model = NewModel();
        var events = new object[]
        {
            Started(), Status(UpdateStatus.RollingForward), TaskUpdate(0, "t0", TaskState.Pending, 1), Action(0, InstanceAction.InstanceUpdating, 1),
            TaskUpdate(0, "t0", TaskState.Running, 9), Decision(0, "t0", GatingMode.WatchSecs, 9),
        };
        void ApplyAll()
        {
            foreach (var e in events)
            {
                if (e is TaskStatusUpdate s) model.ApplyStatus(s);
                else model.ApplyUpdater((Domain.Events.UpdaterEvent)e);
            }
        }

        ApplyAll();
        var first = Snapshot(model);
        ApplyAll();

        Assert.Null(model.Publish());
        var second = model.UpdateSnapshot(KeyText);
        Assert.Equal(first.History, second.History);
        Assert.Equal(first.DecodeRows(), second.DecodeRows());
    }

    [Fact]
    public void Publish_ManyChangesToOneInstance_CoalesceIntoOneRow()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.Publish();

        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Pending, 1));
        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Assigned, 2));
        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Starting, 3));
        var batch = BatchOf(model.Publish())!;

        var row = Assert.Single(batch.DecodeRows());
        Assert.Equal((2, TaskState.Starting), (row.InstanceId, row.TaskStatus));
        Assert.Equal(3, batch.Tail.Count);
        Assert.Null(model.Publish());
    }

    [Fact]
    public void Publish_ChangeThatDoesNotShow_SendsNoRowButTheTailEntry()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Starting, 1, "starting"));
        model.Publish();

        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Starting, 2, "still starting"));
        var batch = BatchOf(model.Publish())!;

        Assert.Empty(batch.DecodeRows());
        Assert.Empty(batch.Updates); // the header did not change either
        Assert.Equal("#0 STARTING still starting", Assert.Single(batch.Tail).Text);
    }

    [Fact]
    public void Publish_StatusChange_TravelsAsOneAppendNotTheWholeHistory()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyUpdater(Status(UpdateStatus.RollingForward, 0));
        model.Publish();

        model.ApplyUpdater(Status(UpdateStatus.RollForwardPaused, 5, "bob", "wait"));
        var batch = BatchOf(model.Publish())!;

        Assert.Equal(UpdateStatus.RollForwardPaused, Assert.Single(batch.History).Status);
        Assert.Equal(UpdateStatus.RollForwardPaused, Assert.Single(batch.Updates).Status);
        Assert.Empty(batch.DecodeRows()); // pausing changes no instance
        Assert.Equal(2, model.UpdateSnapshot(KeyText).History.Count);
    }

    [Fact]
    public void Publish_AutomaticTransition_TailSaysAutomaticNotAnEmptyUser()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyUpdater(Status(UpdateStatus.RollingForward, 0));
        model.Publish();

        model.ApplyUpdater(Status(UpdateStatus.RollForwardPaused, 5, "", "Update auto paused"));
        var batch = BatchOf(model.Publish())!;

        Assert.Equal("ROLL_FORWARD_PAUSED (automatic): Update auto paused", Assert.Single(batch.Tail).Text);
    }

    [Fact]
    public void Publish_RoutesEachChangeOnlyToItsViews()
    {
        var model = NewModel();
        var other = new UpdateKey(new JobKey("r", "e", "other"), "u");
        model.StreamConnected(UpstreamFeed.Status);
        model.StreamConnected(UpstreamFeed.Updater);
        model.ApplyUpdater(Started());
        model.ApplyUpdater(Started() with { Update = other });
        model.Publish();

        _time.SetUtcNow(T0.AddSeconds(1)); // the scheduler's clock has not moved against ours: no clock news for every view
        model.ApplyStatus(TaskUpdate(1, "t1", TaskState.Pending, 1));
        var changes = model.Publish()!;

        Assert.Equal([KeyText, DashboardViews.List], changes.Batches.Keys.Order(StringComparer.Ordinal).Reverse());
        Assert.Equal([KeyText], changes.Batches[DashboardViews.List].Updates.Select(u => u.Key)); // the header's counts moved
        Assert.Empty(changes.Batches[DashboardViews.List].DecodeRows()); // list viewers never get instances
    }

    [Fact]
    public void Publish_BatchesOfAViewChainByPreviousVersion()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        var start = BatchOf(model.Publish())!;

        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Pending, 1));
        var a = BatchOf(model.Publish())!;
        model.ApplyUpdater(Started() with { Update = new UpdateKey(new JobKey("r", "e", "other"), "u") }); // another view only
        model.Publish();
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Assigned, 2));
        var b = BatchOf(model.Publish())!;

        Assert.Equal(start.Version, a.PreviousVersion);
        Assert.Equal(a.Version, b.PreviousVersion);
        Assert.Equal(a.Version + 2, b.Version);
        Assert.Equal(b.Version, model.UpdateSnapshot(KeyText).Version);
        Assert.Equal(model.Epoch, b.Epoch);
    }

    [Fact]
    public void Tick_WhileWatchSecsRuns_SendsNothing()
    {
        var model = NewModel();
        model.ApplyUpdater(Started(watch: 30));
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, 0));
        model.Publish();

        _time.Advance(TimeSpan.FromSeconds(5));
        model.Tick();

        Assert.Null(model.Publish()); // browsers count down to the deadline themselves
    }

    [Fact]
    public void ReplaceUpdater_DropsWhatTheSnapshotNoLongerHolds_AndStartsANewEpoch()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.Publish();
        var epoch = model.Epoch;
        var other = new Domain.Events.UpdateStarted(new UpdateKey(new JobKey("r", "e", "n"), "x"), T0, "bob", new UpdateSettings(),
            null, null, [], [new InstanceRange(0, 0)], DetectionStrategy.MessagePresence);

        model.ReplaceUpdater([other]);
        var changes = model.Publish()!;

        var list = model.ListSnapshot();
        Assert.NotEqual(epoch, list.Epoch);
        Assert.Equal(["r/e/n#x"], list.Updates.Select(u => u.Key));
        Assert.All(changes.Batches.Values, b => Assert.Equal(list.Epoch, b.Epoch));
        Assert.Null(model.UpdateSnapshot(KeyText).Update);
    }

    [Fact]
    public void View_SettingsBitOnVPrev_ShowsHazardsAndDisagreement()
    {
        var model = NewModel();
        model.ApplyUpdater(Started(bit: true, watch: 0, strategy: DetectionStrategy.SettingsBit));
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, 5));
        model.ApplyUpdater(Decision(0, "t0", GatingMode.HealthGated, 5));

        var view = View(model, 0);

        Assert.Equal(ExecutorVersion.VPrev, view.ExecutorVersion);
        Assert.Equal(GatingMode.HealthGated, view.GatingMode);
        Assert.Equal(HealthState.Unverified, view.HealthState);
        string[] hazards = ["WATCH_SECS_ZERO_WITHOUT_GATING", "SETTINGS_BIT_WITH_VPREV_EXECUTOR", "UPDATER_DISAGREES_WITH_EVIDENCE"];
        Assert.Equal(hazards, view.Hazards);
        Assert.Equal(hazards, model.Detail(Key, 0)!.Hazards.Select(h => h.Code));
        Assert.Equal(1, model.ListSnapshot().Updates.Single().HazardCount);
    }

    [Fact]
    public void View_WatchSecs_CarriesTheDeadlineOnTheSchedulersClock()
    {
        var model = NewModel();
        _time.SetUtcNow(T0.AddSeconds(60)); // the scheduler's clock is 60 s behind ours
        model.ApplyUpdater(Started(watch: 30));
        _time.SetUtcNow(T0.AddSeconds(70));
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, 10));

        var snapshot = Snapshot(model);

        Assert.Equal(T0.AddSeconds(40), snapshot.DecodeRows().Single(i => i.InstanceId == 0).WatchDeadline);
        Assert.Equal(-60_000, snapshot.Clock.SchedulerAheadMs);
        Assert.Equal(T0.AddSeconds(70), snapshot.Clock.ServerNow);
        _time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(T0.AddSeconds(22), model.SchedulerNow);
    }

    [Fact]
    public void View_OldTaskOfTheInstance_DoesNotSpeakForTheUpdate()
    {
        var model = NewModel();
        model.ApplyStatus(TaskUpdate(0, "old", TaskState.Running, -100, VCurrentRunning));
        model.ApplyUpdater(Started());

        var view = View(model, 0);

        Assert.Equal((string.Empty, (TaskState?)null, ExecutorVersion.Unknown), (view.TaskId, view.TaskStatus, view.ExecutorVersion));
        Assert.Equal(HealthState.NotStarted, view.HealthState);
    }

    [Fact]
    public void View_FailuresCountTasksThatDiedDuringTheUpdate()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(TaskUpdate(3, "a", TaskState.Failed, 5, "Failed health check! Not enough successful health checks in time."));
        model.ApplyStatus(TaskUpdate(3, "b", TaskState.Starting, 10));

        var view = View(model, 3);

        Assert.Equal(1, view.Failures);
        Assert.Equal("b", view.TaskId);
    }

    [Fact]
    public void Reads_BetweenPublishes_DoNotSwallowTheNextDelta()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.Publish();
        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Pending, 1));

        model.UpdateSnapshot(KeyText); // a browser connects
        model.Updates();               // a script polls the API

        var row = Assert.Single(BatchOf(model.Publish())!.DecodeRows());
        Assert.Equal((2, TaskState.Pending), (row.InstanceId, row.TaskStatus));
    }

    [Fact]
    public void UpdateSnapshot_SameVersion_SharesOnePackingAndANewVersionPacksAgain()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Pending, 1));
        model.Publish();

        var first = model.UpdateSnapshot(KeyText);
        Assert.Same(first.Rows, model.UpdateSnapshot(KeyText).Rows);

        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Assigned, 2));
        model.Publish();
        var next = model.UpdateSnapshot(KeyText);

        Assert.NotSame(first.Rows, next.Rows);
        Assert.Contains(next.DecodeRows(), r => r.InstanceId == 2 && r.TaskStatus == TaskState.Assigned);
    }

    [Fact]
    public void ReplaceStatus_AloneStillTellsBrowsersOfTheNewEpoch()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.Publish();

        model.ReplaceStatus([]);

        var batch = BatchOf(model.Publish(), DashboardViews.List);
        Assert.NotNull(batch);
        Assert.Equal(model.Epoch, batch.Epoch);
        Assert.Null(model.Publish());
    }

    [Fact]
    public void FarFutureTimestamp_IsFoldedWithoutBreakingTheModel()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, 5) with { Timestamp = DateTimeOffset.MaxValue.AddSeconds(-1) });
        _time.SetUtcNow(T0.AddSeconds(6));
        model.ApplyStatus(TaskUpdate(1, "t1", TaskState.Running, 6)); // a day behind the bogus anchor: re-anchors
        _time.Advance(TimeSpan.FromSeconds(12));

        var snapshot = Snapshot(model);

        Assert.Equal(2, snapshot.DecodeRows().Count(i => i.TaskStatus == TaskState.Running));
        Assert.Equal(T0.AddSeconds(18), model.SchedulerNow);
        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Running, 18) with { Timestamp = T0.AddDays(400) }); // absurd: ignored for the clock
        model.Publish();
        Assert.Equal(T0.AddSeconds(18), model.SchedulerNow);
    }

    [Fact]
    public void FinishedUpdates_BeyondRetention_AreDroppedAndBrowsersTold()
    {
        var model = NewModel();
        ChangeSet? last = null;
        for (var i = 0; i <= Retention.FinishedUpdates; i++)
        {
            var key = new UpdateKey(new JobKey("r", "e", $"job{i}"), "u");
            model.ApplyUpdater(Started() with { Update = key, Timestamp = T0.AddMinutes(i) });
            model.ApplyUpdater(new Domain.Events.UpdateStatusChanged(key, T0.AddMinutes(i).AddSeconds(30), UpdateStatus.RolledForward, "s", ""));
            last = model.Publish();
        }

        Assert.Equal(Retention.FinishedUpdates, model.ListSnapshot().Updates.Count);
        Assert.Equal(["r/e/job0#u"], last!.Batches[DashboardViews.List].RemovedUpdates);
        Assert.Equal(["r/e/job0#u"], last.Batches["r/e/job0#u"].RemovedUpdates); // its own viewers hear of it too
        Assert.DoesNotContain(last.Batches[DashboardViews.List].Updates, u => u.Key == "r/e/job0#u");
    }

    [Fact]
    public void FinishedUpdates_BeyondTheInstanceBudget_AreDroppedOldestFirst()
    {
        var model = NewModel();
        var big = Retention.FinishedInstances / 4;
        for (var i = 0; i < 6; i++)
        {
            var key = new UpdateKey(new JobKey("r", "e", $"big{i}"), "u");
            model.ApplyUpdater(Started(instances: big) with { Update = key, Timestamp = T0.AddMinutes(i) });
            model.Publish();
            model.ApplyUpdater(new Domain.Events.UpdateStatusChanged(key, T0.AddMinutes(i).AddSeconds(30), UpdateStatus.RolledForward, "s", ""));
            var changes = model.Publish()!;
            if (i >= 4) Assert.Equal([$"r/e/big{i - 4}#u"], changes.Batches[DashboardViews.List].RemovedUpdates);
        }

        Assert.Equal(["r/e/big2#u", "r/e/big3#u", "r/e/big4#u", "r/e/big5#u"], model.ListSnapshot().Updates.Select(u => u.Key));
    }

    [Fact]
    public void Pulse_CarriesTheDeadline()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyUpdater(new Domain.Events.PulseReceived(Key, T0, T0.AddSeconds(30)));

        var snapshot = Snapshot(model);

        Assert.Equal(T0.AddSeconds(30), snapshot.Update!.PulseDeadline);
        Assert.Contains(snapshot.Tail, e => e.Text.StartsWith("pulse received", StringComparison.Ordinal));
    }

    [Fact]
    public void Connection_LiveThenReconnectingThenLost()
    {
        var model = NewModel();
        Assert.Equal(UpstreamState.Connecting, model.Connection.State);
        model.StreamConnected(UpstreamFeed.Status);
        model.StreamConnected(UpstreamFeed.Updater);
        Assert.Equal(UpstreamState.Live, model.Connection.State);

        model.StreamFailed(UpstreamFeed.Status, "Unavailable: connection refused");
        Assert.Equal(UpstreamState.Reconnecting, model.Connection.State);
        Assert.Equal(T0, model.Connection.Since);
        Assert.Contains("connection refused", model.Connection.Detail, StringComparison.Ordinal);
        model.Publish();

        _time.Advance(TimeSpan.FromSeconds(16));
        model.Tick();
        Assert.Equal(UpstreamState.Lost, model.Connection.State);
        Assert.Equal(UpstreamState.Lost, BatchOf(model.Publish(), DashboardViews.List)!.Connection!.State);

        model.StreamConnected(UpstreamFeed.Status);
        Assert.Equal(UpstreamState.Live, model.Connection.State);
    }

    [Fact]
    public void Connection_Change_ReachesEveryView()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.Publish();

        model.StreamConnected(UpstreamFeed.Status);
        model.StreamConnected(UpstreamFeed.Updater);
        var changes = model.Publish()!;

        Assert.Equal(UpstreamState.Live, changes.Batches[KeyText].Connection!.State);
        Assert.Equal(UpstreamState.Live, changes.Batches[DashboardViews.List].Connection!.State);
    }

    [Fact]
    public void Connection_PartialOutage_EventsOfTheLiveStreamDoNotCarryItEveryPublish()
    {
        var model = NewModel();
        model.StreamConnected(UpstreamFeed.Status);
        model.StreamConnected(UpstreamFeed.Updater);
        model.ApplyUpdater(Started());
        model.Publish();
        model.StreamFailed(UpstreamFeed.Updater, "boom");
        Assert.Equal(UpstreamState.Reconnecting, BatchOf(model.Publish())!.Connection!.State);

        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            model.ApplyStatus(TaskUpdate(i, $"t{i}", TaskState.Pending, i));
            var batch = BatchOf(model.Publish())!;
            Assert.Single(batch.DecodeRows());
            Assert.Null(batch.Connection); // the status stream's events move only the last event time
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Assigned, 5));
        Assert.Equal(_time.GetUtcNow(), BatchOf(model.Publish())!.Connection!.LastEventAt); // but browsers still hear of it every second
    }

    [Fact]
    public void Connection_FailingRightAfterHeaders_StillTurnsLost()
    {
        var model = NewModel();
        model.StreamConnected(UpstreamFeed.Updater);
        model.StreamConnected(UpstreamFeed.Status);
        _time.Advance(TimeSpan.FromMinutes(1));
        model.StreamFailed(UpstreamFeed.Status, "boom");
        var down = model.Connection.Since;

        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(4));
            model.StreamConnected(UpstreamFeed.Status); // headers, then nothing
            _time.Advance(TimeSpan.FromSeconds(1));
            model.StreamFailed(UpstreamFeed.Status, "boom");
        }

        Assert.Equal(UpstreamState.Lost, model.Connection.State);
        Assert.Equal(down, model.Connection.Since);
    }

    [Fact]
    public void ReplaceStatus_DoesNotRepeatHistoryInTheEventTail()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Pending, 1));
        var tail = Snapshot(model).Tail.Count;

        model.ReplaceStatus([TaskUpdate(0, "t0", TaskState.Pending, 1), TaskUpdate(0, "t0", TaskState.Assigned, 2)]);

        Assert.Equal(tail, Snapshot(model).Tail.Count);
    }

    [Fact]
    public void Eviction_NeverDropsTheUpdateThatJustFinished()
    {
        var model = NewModel();
        var waiting = new UpdateKey(new JobKey("r", "e", "waiting"), "u");
        model.ApplyUpdater(Started() with { Update = waiting, Timestamp = T0 });
        for (var i = 1; i <= Retention.FinishedUpdates; i++)
        {
            var key = new UpdateKey(new JobKey("r", "e", $"job{i}"), "u");
            model.ApplyUpdater(Started() with { Update = key, Timestamp = T0.AddMinutes(i) });
            model.ApplyUpdater(new Domain.Events.UpdateStatusChanged(key, T0.AddMinutes(i).AddSeconds(30), UpdateStatus.RolledForward, "s", ""));
        }

        model.ApplyUpdater(new Domain.Events.UpdateStatusChanged(waiting, T0.AddHours(5), UpdateStatus.Aborted, "carol", "stuck"));
        model.Publish();

        var keys = model.ListSnapshot().Updates.Select(u => u.Key).ToList();
        Assert.Contains("r/e/waiting#u", keys);
        Assert.DoesNotContain("r/e/job1#u", keys);
    }

    [Fact]
    public void CountBadMessage_IsCountedAndShown()
    {
        var model = NewModel();

        model.CountBadMessage(UpstreamFeed.Updater, "update status 99 is not a known UpdateStatus");
        model.CountBadMessage(UpstreamFeed.Updater, "job key needs role, environment and name");

        Assert.Equal(2, model.Connection.BadMessages);
        Assert.Contains("job key", model.Connection.Detail, StringComparison.Ordinal);
        Assert.Equal(2, BatchOf(model.Publish(), DashboardViews.List)!.Connection!.BadMessages);
    }

    [Fact]
    public void Detail_Timeline_CapsHugeMessagesButKeepsTheirLength()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        var huge = "<script>alert(1)</script>" + new string('x', 200_000);
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Failed, 3, huge));
        model.Publish();

        var detail = model.Detail(Key, 0)!;

        var e = Assert.Single(detail.Timeline);
        Assert.Equal(huge.Length, e.MessageLength);
        Assert.Equal(64 * 1024, e.Message.Length);
        Assert.StartsWith("<script>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detail_ComesFromThePublishedState()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Pending, 1));
        model.Publish();
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Assigned, 2));

        Assert.Equal(TaskState.Pending, model.Detail(Key, 0)!.Instance.TaskStatus);
        model.Publish();
        Assert.Equal(TaskState.Assigned, model.Detail(Key, 0)!.Instance.TaskStatus);
        Assert.Null(model.Detail(Key, 99));
    }
}
