using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Components;

/// <summary>
/// Countdowns under a scheduler whose clock is 10 min ahead of or behind the server's: they count on
/// the scheduler's clock as estimated, so a 30 s watch starts at 30 s either way, and they never show
/// less than zero nor more than the span they count down.
/// </summary>
public class ClockSkewCountdownTests : ClientTest
{
    private const long TenMinutesMs = 600_000;

    [Theory]
    [InlineData(TenMinutesMs)]
    [InlineData(-TenMinutesMs)]
    public void GatingBadge_SchedulerClockSkewed_WatchStartsAtWatchSecsAndCountsDown(long schedulerAheadMs)
    {
        Clock.Sync(new ClockSync(Time.GetUtcNow(), schedulerAheadMs));
        var runningAt = Time.GetUtcNow().AddMilliseconds(schedulerAheadMs); // on the scheduler's clock

        var cut = Render<GatingBadge>(p => p
            .Add(b => b.Mode, GatingMode.WatchSecs).Add(b => b.WatchDeadline, runningAt.AddSeconds(30)).Add(b => b.WatchSecs, 30).Add(b => b.TaskStatus, TaskState.Running));

        Assert.Equal("watch_secs: 30 s left", cut.Find("[data-gating]").TextContent.Trim());
        Time.Advance(TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Equal("watch_secs: 20 s left", cut.Find("[data-gating]").TextContent.Trim()), Wait);
    }

    [Theory]
    [InlineData(TenMinutesMs, "watch_secs: elapsed")] // the deadline 10 min in the estimate's past
    [InlineData(-TenMinutesMs, "watch_secs: 30 s left")] // 630 s in its future: never more than the watch
    public void GatingBadge_DeadlineOnAnotherClock_ClampedToZeroAndWatchSecs(long schedulerAheadMs, string shown)
    {
        Clock.Sync(new ClockSync(Time.GetUtcNow(), schedulerAheadMs));
        var deadlineOnTheServersClock = Time.GetUtcNow().AddSeconds(30);

        var cut = Render<GatingBadge>(p => p
            .Add(b => b.Mode, GatingMode.WatchSecs).Add(b => b.WatchDeadline, deadlineOnTheServersClock).Add(b => b.WatchSecs, 30).Add(b => b.TaskStatus, TaskState.Running));

        Assert.Equal(shown, cut.Find("[data-gating]").TextContent.Trim());
    }

    [Theory]
    [InlineData(TenMinutesMs)]
    [InlineData(-TenMinutesMs)]
    public void PulseCountdown_SchedulerClockSkewed_CountsOnItsClock(long schedulerAheadMs)
    {
        Clock.Sync(new ClockSync(Time.GetUtcNow(), schedulerAheadMs));

        var cut = Render<PulseCountdown>(p => p.Add(c => c.Deadline, Clock.SchedulerNow.AddSeconds(30)).Add(c => c.IntervalSecs, 30));

        Assert.Contains("(in 30 s)", cut.Markup, StringComparison.Ordinal);
        Time.Advance(TimeSpan.FromSeconds(12));
        cut.WaitForAssertion(() => Assert.Contains("(in 18 s)", cut.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void PulseCountdown_DeadlineFurtherAwayThanTheInterval_ShowsAtMostTheInterval()
    {
        Clock.Sync(new ClockSync(Time.GetUtcNow(), -TenMinutesMs));

        var cut = Render<PulseCountdown>(p => p.Add(c => c.Deadline, Time.GetUtcNow().AddSeconds(30)).Add(c => c.IntervalSecs, 30));

        Assert.Contains("(in 30 s)", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("630", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(29_001, 30, 30)]
    [InlineData(30_000, 30, 30)]
    [InlineData(630_000, 30, 30)]
    [InlineData(-5_000, 30, 0)]
    [InlineData(400, 30, 1)]
    [InlineData(90_000, 0, 90)] // the span not known: only the floor holds
    public void SecondsLeft_AnyDistance_RoundedUpAndClamped(long msToDeadline, long span, long expected)
    {
        var now = Time.GetUtcNow();

        Assert.Equal(expected, Countdown.SecondsLeft(now.AddMilliseconds(msToDeadline), now, span));
    }
}
