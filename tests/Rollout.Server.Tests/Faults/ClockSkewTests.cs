using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rollout.Client.Components;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// A scheduler whose clock is 10 min ahead of or behind the dashboard's, or steps back mid-stream
/// (a failover to a host whose clock is behind): events are applied in stream order whatever their
/// timestamps say, and countdowns and ages run on the scheduler's clock as estimated, so a 30 s
/// watch starts at 30 s (not 630 s, not 0). In the read model on the test's clock, and in the
/// browser's own connection code against an upstream whose timestamps are skewed.
/// </summary>
public class ClockSkewTests
{
    private static readonly string Web = DashboardKeys.Of(Events.Key);
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(600)]
    [InlineData(-600)]
    public void WatchCountdown_SchedulerClockSkewed_StartsAtWatchSecsOnItsClockAndCountsDown(int skewSeconds)
    {
        var rig = new ModelRig(TimeSpan.FromSeconds(skewSeconds));

        var runningAt = rig.RunInstance(0);

        var row = rig.Row(0);
        Assert.Equal((GatingMode.WatchSecs, runningAt + Watch), (row.GatingMode, row.WatchDeadline));
        Assert.Equal(rig.SchedulerTime, rig.Model.SchedulerNow);
        Assert.Equal(Watch, row.WatchDeadline - rig.Model.SchedulerNow);
        rig.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(20), row.WatchDeadline - rig.Model.SchedulerNow);
    }

    [Fact]
    public void SchedulerClockSteppedBack_EventsKeepSayingSo_EstimateFollowsAndANewWatchStartsAtWatchSecs()
    {
        var rig = new ModelRig(TimeSpan.Zero);
        rig.RunInstance(0);

        rig.Skew = TimeSpan.FromMinutes(-10); // a failover to a scheduler whose clock is 10 min behind
        var runningAt = rig.RunInstance(1);

        Assert.Equal(rig.SchedulerTime, rig.Model.SchedulerNow);
        Assert.Equal(Watch, rig.Row(1).WatchDeadline - rig.Model.SchedulerNow); // not "elapsed" for 10 min
        Assert.Equal(runningAt + Watch, rig.Row(1).WatchDeadline);
    }

    [Fact]
    public void LateEvent_Alone_DoesNotDragTheEstimateBack()
    {
        var rig = new ModelRig(TimeSpan.Zero);
        rig.RunInstance(0);
        var before = rig.Model.SchedulerNow;

        rig.Model.ApplyStatus(Task(1, "late", TaskState.Lost, rig.SchedulerTime - TimeSpan.FromMinutes(10)));
        rig.Model.ApplyStatus(Task(0, "t0", TaskState.Running, rig.SchedulerTime, "still here"));
        rig.Time.Advance(TimeSpan.FromSeconds(5));
        rig.Model.ApplyStatus(Task(0, "t0", TaskState.Running, rig.SchedulerTime, "and here"));
        rig.Model.Publish();

        Assert.Equal(before + TimeSpan.FromSeconds(5), rig.Model.SchedulerNow);
    }

    [Fact]
    public void TimestampsGoingBackwards_UpdateFollowsStreamOrder()
    {
        var rig = new ModelRig(TimeSpan.Zero);
        var pausedAt = rig.SchedulerTime;
        rig.Model.ApplyUpdater(new UpdateStatusChanged(Events.Key, pausedAt, UpdateStatus.RollForwardPaused, "bob", "hold"));
        rig.Skew = TimeSpan.FromMinutes(-10);
        rig.Model.ApplyUpdater(new UpdateStatusChanged(Events.Key, rig.SchedulerTime, UpdateStatus.RollingForward, "bob", "go"));
        rig.Model.Publish();

        var update = rig.Model.Update(Events.Key)!.Value.Update;
        Assert.Equal(UpdateStatus.RollingForward, update.Status); // the later event in the stream, though stamped 10 min earlier
        Assert.Equal(["ROLLING_FORWARD", "ROLL_FORWARD_PAUSED", "ROLLING_FORWARD"], rig.Model.UpdateSnapshot(Web).History.Select(h => h.Status.WireName()));
    }

    [Theory]
    [InlineData(600)]
    [InlineData(-600)]
    public async Task BrowserCountdownsAndAges_UpstreamClockSkewed_RightOnTheSchedulersClock(int skewSeconds)
    {
        await using var upstream = new OperatedScheduler(TimeProvider.System, TimeSpan.FromSeconds(skewSeconds));
        upstream.StartUpdate(instances: 2);
        await upstream.StartAsync();
        using var app = new DashboardApp(("Upstream:Address", upstream.Address.ToString()));
        await using var browser = await app.ConnectAsync(Web);
        await browser.WaitUntil(s => s.Update(Web)?.Status == UpdateStatus.RollingForward, "rolling");

        upstream.TaskEvent(0, "t0", TaskState.Starting);
        upstream.TaskEvent(0, "t0", TaskState.Running); // no capabilities: watch_secs
        await browser.WaitUntil(s => s.Instances.Count == 2 && s.Instances[0] is { TaskStatus: TaskState.Running, GatingMode: GatingMode.WatchSecs, WatchDeadline: not null },
            "instance 0 watching");

        // What the page shows, next to what is true on the scheduler's own clock at the same moment.
        var (left, trueLeft, age, trueAge, lastEvent, trueLastEvent) = await browser.ReadAsync(s =>
        {
            var deadline = s.Instances[0].WatchDeadline!.Value;
            var (now, truth) = (browser.Clock.SchedulerNow, upstream.Now);
            var created = s.Update(Web)!.Created;
            var lastEventAt = s.Connection.LastEventAt!.Value;
            return (Countdown.SecondsLeft(deadline, now, 30), Countdown.SecondsLeft(deadline, truth, 30), now - created, truth - created,
                browser.Clock.ServerNow - lastEventAt, DateTimeOffset.UtcNow - lastEventAt);
        });

        Assert.InRange(left, trueLeft, trueLeft + 2); // the estimate lags by the transit time, never leads
        Assert.InRange(age.TotalSeconds, trueAge.TotalSeconds - 2, trueAge.TotalSeconds + 0.5);
        Assert.InRange(lastEvent.TotalSeconds, trueLastEvent.TotalSeconds - 2, trueLastEvent.TotalSeconds + 2); // the server's clock, unskewed
        Assert.True(Math.Abs((app.Services.GetRequiredService<DashboardModel>().SchedulerNow - upstream.Now).TotalSeconds) < 2);
    }

    private static TaskStatusUpdate Task(int instance, string taskId, TaskState state, DateTimeOffset at, string message = "") =>
        new(taskId, Events.Job, instance, state, message, at, StatusSource.Executor, $"host-{instance}", null);

    /// <summary>A model fed by a scheduler whose clock is the test's plus <see cref="Skew"/>.</summary>
    private sealed class ModelRig
    {
        public ModelRig(TimeSpan skew)
        {
            Skew = skew;
            Model = new DashboardModel(Time);
            // Started an hour ago: a task started after the clock stepped back 10 min is still newer than the update.
            Model.ReplaceUpdater([Events.Started(instances: 2) with { Timestamp = SchedulerTime - TimeSpan.FromHours(1) }]);
            Model.ReplaceStatus([]);
            Time.Advance(TimeSpan.FromSeconds(1));
            Model.ApplyUpdater(new UpdateStatusChanged(Events.Key, SchedulerTime, UpdateStatus.RollingForward, "alice", string.Empty));
            Model.Publish();
        }

        public FakeTimeProvider Time { get; } = new(Events.T0);

        public DashboardModel Model { get; }

        public TimeSpan Skew { get; set; }

        public DateTimeOffset SchedulerTime => Time.GetUtcNow() + Skew;

        /// <summary>The instance's task starts and runs (no capabilities: watch_secs), a second apart; returns when it ran.</summary>
        public DateTimeOffset RunInstance(int instance)
        {
            Model.ApplyStatus(Task(instance, $"t{instance}", TaskState.Starting, SchedulerTime));
            Time.Advance(TimeSpan.FromSeconds(1));
            var runningAt = SchedulerTime;
            Model.ApplyStatus(Task(instance, $"t{instance}", TaskState.Running, runningAt));
            Model.Publish();
            return runningAt;
        }

        public InstanceView Row(int instance) => Model.Update(Events.Key)!.Value.Instances.Single(i => i.Row.InstanceId == instance).Row;
    }
}
