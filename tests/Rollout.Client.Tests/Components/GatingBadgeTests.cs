using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Components;

public class GatingBadgeTests : ClientTest
{
    private IRenderedComponent<GatingBadge> Badge(GatingMode mode, long? remainingMs = null, TaskState? status = TaskState.Running, int watch = 30) =>
        Render<GatingBadge>(p => p
            .Add(b => b.Mode, mode)
            .Add(b => b.WatchDeadline, remainingMs is { } ms ? Clock.SchedulerNow.AddMilliseconds(ms) : null)
            .Add(b => b.WatchSecs, watch)
            .Add(b => b.TaskStatus, status)
            .Add(b => b.Reason, "why"));

    [Theory]
    [InlineData(GatingMode.HealthGated, "health-gated")]
    [InlineData(GatingMode.Undetermined, "undetermined")]
    public void Render_NonWatchModes_SayWhatTheyAre(GatingMode mode, string text)
    {
        var cut = Badge(mode);

        Assert.Equal(text, cut.Find("[data-gating]").TextContent.Trim());
        Assert.Equal(mode.WireName(), cut.Find("[data-gating]").GetAttribute("data-gating"));
    }

    [Fact]
    public void Render_WatchBeforeRunning_ShowsTheFullWatch()
    {
        var cut = Badge(GatingMode.WatchSecs, 30_000, TaskState.Starting);

        Assert.Equal("watch_secs: 30 s once running", cut.Find("[data-gating]").TextContent.Trim());
    }

    [Fact]
    public void Render_WatchWhileRunning_CountsDownOnTheClock()
    {
        var cut = Badge(GatingMode.WatchSecs, 31_000);
        Assert.Equal("watch_secs: 30 s left", cut.Find("[data-gating]").TextContent.Trim()); // clamped to watch_secs

        Time.Advance(TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Equal("watch_secs: 21 s left", cut.Find("[data-gating]").TextContent.Trim()), Wait);

        Time.Advance(TimeSpan.FromSeconds(60));
        cut.WaitForAssertion(() => Assert.Equal("watch_secs: elapsed", cut.Find("[data-gating]").TextContent.Trim()), Wait);
    }

    [Fact]
    public void Render_NewDeadlineFromServer_RestartsTheCountdown()
    {
        var cut = Badge(GatingMode.WatchSecs, 20_000);
        Time.Advance(TimeSpan.FromSeconds(5));

        cut.Render(p => p.Add(b => b.WatchDeadline, Time.GetUtcNow().AddSeconds(12)));

        cut.WaitForAssertion(() => Assert.Equal("watch_secs: 12 s left", cut.Find("[data-gating]").TextContent.Trim()), Wait);
    }

    [Fact]
    public void Render_SchedulerClockAheadOfTheBrowser_CountsOnTheSchedulersClock()
    {
        // The server's clock is 1 h ahead of this browser and the scheduler's 10 min ahead of the server's:
        // a deadline 20 s into the scheduler's future still shows 20 s.
        Clock.Sync(new Domain.Dashboard.ClockSync(Time.GetUtcNow().AddHours(1), 600_000));
        var deadline = Time.GetUtcNow().AddHours(1).AddMinutes(10).AddSeconds(20);

        var cut = Render<GatingBadge>(p => p
            .Add(b => b.Mode, GatingMode.WatchSecs).Add(b => b.WatchDeadline, deadline).Add(b => b.WatchSecs, 30).Add(b => b.TaskStatus, TaskState.Running));

        Assert.Equal("watch_secs: 20 s left", cut.Find("[data-gating]").TextContent.Trim());
        Time.Advance(TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Equal("watch_secs: 15 s left", cut.Find("[data-gating]").TextContent.Trim()), Wait);
    }

    [Fact]
    public void Render_ManyBadges_ShareOneClockAndStopListeningWhenDone()
    {
        var badges = Enumerable.Range(0, 3).Select(_ => Badge(GatingMode.WatchSecs, 2_000)).ToList();

        Time.Advance(TimeSpan.FromSeconds(3));

        foreach (var cut in badges)
            cut.WaitForAssertion(() => Assert.Equal("watch_secs: elapsed", cut.Find("[data-gating]").TextContent.Trim()), Wait);
        Assert.False(Clock.Ticking);
    }
}
