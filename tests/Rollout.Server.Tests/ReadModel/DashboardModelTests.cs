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
    private readonly FakeTimeProvider _time = new(T0);

    private DashboardModel NewModel() => new(_time, TimeSpan.FromSeconds(15));

    private static InstanceView View(DashboardModel model, int instance) =>
        model.Snapshot().Instances.Single().Instances.Single(i => i.InstanceId == instance);

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

        Assert.Equal(("t1", TaskState.Running, ExecutorVersion.VCurrent), (view.TaskId, view.TaskStatus, view.ExecutorVersion));
        Assert.Equal(GatingMode.HealthGated, view.GatingMode);
        Assert.Equal(["HEALTH_GATED_RUNNING"], view.Capabilities);
        Assert.Equal(["WARP_DRIVE"], view.UnknownCapabilities);
        Assert.Equal(HealthState.Healthy, view.HealthState);
        Assert.Equal(3, view.Verdicts.Count);
        Assert.True(view.Verdicts.Single(v => v.Strategy == DetectionStrategy.Capabilities).UsedByUpdater);
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
        var first = model.Snapshot();
        Assert.NotNull(model.TakeDelta());
        ApplyAll();

        Assert.Null(model.TakeDelta());
        var second = model.Snapshot();
        Assert.Equal(first.Updates.Single().History, second.Updates.Single().History);
        Assert.Equal(first.Instances.Single().Instances.Select(i => (i.TaskId, i.TaskStatus, i.UpdateAction)),
            second.Instances.Single().Instances.Select(i => (i.TaskId, i.TaskStatus, i.UpdateAction)));
    }

    [Fact]
    public void TakeDelta_ManyChangesToOneInstance_CoalesceIntoOne()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.TakeDelta();

        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Pending, 1));
        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Assigned, 2));
        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Starting, 3));
        var batch = model.TakeDelta()!;

        var delta = Assert.Single(batch.Instances);
        Assert.Equal((2, TaskState.Starting), (delta.Instance.InstanceId, delta.Instance.TaskStatus));
        Assert.Null(model.TakeDelta());
    }

    [Fact]
    public void TakeDelta_VersionsIncreaseByOne()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        var start = model.Snapshot().Version;

        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Pending, 1));
        var a = model.TakeDelta()!;
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Assigned, 2));
        var b = model.TakeDelta()!;

        Assert.Equal([start + 1, start + 2], new[] { a.Version, b.Version });
        Assert.Equal(model.Epoch, b.Epoch);
    }

    [Fact]
    public void ReplaceUpdater_DropsWhatTheSnapshotNoLongerHolds_AndStartsANewEpoch()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        var epoch = model.Epoch;
        var other = new Domain.Events.UpdateStarted(new UpdateKey(new JobKey("r", "e", "n"), "x"), T0, "bob", new UpdateSettings(),
            null, null, [], [new InstanceRange(0, 0)], DetectionStrategy.MessagePresence);

        model.ReplaceUpdater([other]);

        var snapshot = model.Snapshot();
        Assert.NotEqual(epoch, snapshot.Epoch);
        Assert.Equal(["r/e/n#x"], snapshot.Updates.Select(u => u.Key));
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
        Assert.Equal(
            ["WATCH_SECS_ZERO_WITHOUT_GATING", "SETTINGS_BIT_WITH_VPREV_EXECUTOR", "UPDATER_DISAGREES_WITH_EVIDENCE"],
            view.Hazards.Select(h => h.Code));
        Assert.Equal(1, model.Snapshot().Updates.Single().HazardCount);
    }

    [Fact]
    public void View_WatchSecs_CountsDownOnTheSchedulersClock()
    {
        var model = NewModel();
        model.ApplyUpdater(Started(watch: 30));
        _time.SetUtcNow(T0.AddSeconds(10)); // the event arrives as it happens
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, 10));

        Assert.Equal(30_000, View(model, 0).WatchRemainingMs);
        _time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(18_000, View(model, 0).WatchRemainingMs);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, View(model, 0).WatchRemainingMs);
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
    public void Snapshot_BetweenFlushes_DoesNotSwallowTheNextDelta()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.TakeDelta();
        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Pending, 1));

        model.Snapshot();   // a browser connects
        model.Updates();    // a script polls the API

        var delta = Assert.Single(model.TakeDelta()!.Instances);
        Assert.Equal((2, TaskState.Pending), (delta.Instance.InstanceId, delta.Instance.TaskStatus));
    }

    [Fact]
    public void ReplaceStatus_AloneStillTellsBrowsersOfTheNewEpoch()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.TakeDelta();

        model.ReplaceStatus([]);

        var batch = model.TakeDelta();
        Assert.NotNull(batch);
        Assert.Equal(model.Epoch, batch.Epoch);
        Assert.Null(model.TakeDelta());
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

        var snapshot = model.Snapshot();

        Assert.Equal(2, snapshot.Instances.Single().Instances.Count(i => i.TaskStatus == TaskState.Running));
        Assert.Equal(18_000, View(model, 1).WatchRemainingMs);
        model.ApplyStatus(TaskUpdate(2, "t2", TaskState.Running, 18) with { Timestamp = T0.AddDays(400) }); // absurd: ignored for the clock
        Assert.Equal(18_000, View(model, 1).WatchRemainingMs);
    }

    [Fact]
    public void FinishedUpdates_BeyondRetention_AreDroppedAndBrowsersTold()
    {
        var model = NewModel();
        for (var i = 0; i <= DashboardModel.RetainedFinishedUpdates; i++)
        {
            var key = new UpdateKey(new JobKey("r", "e", $"job{i}"), "u");
            model.ApplyUpdater(Started() with { Update = key, Timestamp = T0.AddMinutes(i) });
            model.ApplyUpdater(new Domain.Events.UpdateStatusChanged(key, T0.AddMinutes(i).AddSeconds(30), UpdateStatus.RolledForward, "s", ""));
        }

        var batch = model.TakeDelta()!;

        Assert.Equal(DashboardModel.RetainedFinishedUpdates, model.Snapshot().Updates.Count);
        Assert.Equal(["r/e/job0#u"], batch.RemovedUpdates);
        Assert.DoesNotContain(batch.Updates, u => u.Key == "r/e/job0#u");
    }

    [Fact]
    public void Pulse_ShowsTheDeadlineCountingDown()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyUpdater(new Domain.Events.PulseReceived(Key, T0, T0.AddSeconds(30)));
        _time.Advance(TimeSpan.FromSeconds(12));

        var update = model.Snapshot().Updates.Single();

        Assert.Equal(T0.AddSeconds(30), update.PulseDeadline);
        Assert.Equal(18_000, update.PulseRemainingMs);
        Assert.Contains(update.EventTail, e => e.Text.StartsWith("pulse received", StringComparison.Ordinal));
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

        _time.Advance(TimeSpan.FromSeconds(16));
        model.Tick();
        Assert.Equal(UpstreamState.Lost, model.Connection.State);
        Assert.NotNull(model.TakeDelta()!.Connection);

        model.StreamConnected(UpstreamFeed.Status);
        Assert.Equal(UpstreamState.Live, model.Connection.State);
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
        var tail = model.Snapshot().Updates.Single().EventTail.Count;

        model.ReplaceStatus([TaskUpdate(0, "t0", TaskState.Pending, 1), TaskUpdate(0, "t0", TaskState.Assigned, 2)]);

        Assert.Equal(tail, model.Snapshot().Updates.Single().EventTail.Count);
    }

    [Fact]
    public void Eviction_NeverDropsTheUpdateThatJustFinished()
    {
        var model = NewModel();
        var waiting = new UpdateKey(new JobKey("r", "e", "waiting"), "u");
        model.ApplyUpdater(Started() with { Update = waiting, Timestamp = T0 });
        for (var i = 1; i <= DashboardModel.RetainedFinishedUpdates; i++)
        {
            var key = new UpdateKey(new JobKey("r", "e", $"job{i}"), "u");
            model.ApplyUpdater(Started() with { Update = key, Timestamp = T0.AddMinutes(i) });
            model.ApplyUpdater(new Domain.Events.UpdateStatusChanged(key, T0.AddMinutes(i).AddSeconds(30), UpdateStatus.RolledForward, "s", ""));
        }

        model.ApplyUpdater(new Domain.Events.UpdateStatusChanged(waiting, T0.AddHours(5), UpdateStatus.Aborted, "carol", "stuck"));

        var keys = model.Snapshot().Updates.Select(u => u.Key).ToList();
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
        Assert.Equal(2, model.TakeDelta()!.Connection!.BadMessages);
    }

    [Fact]
    public void Detail_Timeline_CapsHugeMessagesButKeepsTheirLength()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        var huge = "<script>alert(1)</script>" + new string('x', 200_000);
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Failed, 3, huge));

        var detail = model.Detail(Key, 0)!;

        var e = Assert.Single(detail.Timeline);
        Assert.Equal(huge.Length, e.MessageLength);
        Assert.Equal(64 * 1024, e.Message.Length);
        Assert.StartsWith("<script>", e.Message, StringComparison.Ordinal);
    }
}
