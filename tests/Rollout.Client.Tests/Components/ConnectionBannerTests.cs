using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Tests.Components;

public class ConnectionBannerTests : ClientTest
{
    private IRenderedComponent<ConnectionBanner> Banner(ConnectionView connection, HubState hub = HubState.Connected) =>
        Render<ConnectionBanner>(p => p.Add(b => b.Connection, connection).Add(b => b.Hub, hub));

    [Fact]
    public void Render_Live_ShowsLive()
    {
        var cut = Banner(new ConnectionView(UpstreamState.Live, Time.GetUtcNow(), Time.GetUtcNow(), "", 0));

        Assert.Equal("live", cut.Find("[data-connection=live]").TextContent.Trim());
    }

    [Fact]
    public void Render_Reconnecting_ShowsSinceWhen()
    {
        var since = Time.GetUtcNow().AddSeconds(-7);
        var cut = Banner(new ConnectionView(UpstreamState.Reconnecting, since, since, "status: Unavailable", 0));

        var text = cut.Find("[data-connection=reconnecting]").TextContent;
        Assert.Contains("Reconnecting to the scheduler since", text, StringComparison.Ordinal);
        Assert.Contains("(7 s)", text, StringComparison.Ordinal);
        Assert.Contains("status: Unavailable", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Lost_ShowsDataAgeAndKeepsTicking()
    {
        var last = Time.GetUtcNow().AddSeconds(-42);
        var cut = Banner(new ConnectionView(UpstreamState.Lost, last, last, "", 0));
        Assert.Contains("Upstream lost, data 42 s old", cut.Find("[data-connection=lost]").TextContent, StringComparison.Ordinal);

        Time.Advance(TimeSpan.FromSeconds(3));

        cut.WaitForAssertion(() => Assert.Contains("data 45 s old", cut.Find("[data-connection=lost]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void Render_BrowserDisconnected_SaysTheDashboardIsReconnecting()
    {
        var cut = Banner(new ConnectionView(UpstreamState.Live, null, Time.GetUtcNow().AddSeconds(-5), "", 0), HubState.Reconnecting);

        Assert.Contains("Dashboard server connection lost", cut.Find("[data-connection=browser]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-connection=live]"));
    }

    [Fact]
    public void Render_ServerClockAheadOfTheBrowser_AgesOnTheServersClock()
    {
        // Connection times are the server's: an hour of clock difference must not show as an hour old.
        var serverNow = Time.GetUtcNow().AddHours(1);
        Clock.Sync(new ClockSync(serverNow, 0));

        var cut = Banner(new ConnectionView(UpstreamState.Lost, serverNow.AddSeconds(-42), serverNow.AddSeconds(-42), "", 0));

        Assert.Contains("Upstream lost, data 42 s old", cut.Find("[data-connection=lost]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FellBehind_SaysItCaughtUp()
    {
        var cut = Render<ConnectionBanner>(p => p
            .Add(b => b.Connection, new ConnectionView(UpstreamState.Live, null, null, "", 0)).Add(b => b.Hub, HubState.Connected)
            .Add(b => b.Counts, ConnectionCounts.None with { FellBehind = 2 }));

        Assert.Contains("fell behind 2×", cut.Find("[data-connection=caught-up]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReconnectsAndResnapshots_AreCountedVisibly()
    {
        var counts = new ConnectionCounts(Reconnects: 3, Snapshots: 9, Gaps: 2, NewEpochs: 1, FellBehind: 0, AfterReconnect: 3);

        var cut = Render<ConnectionBanner>(p => p
            .Add(b => b.Connection, new ConnectionView(UpstreamState.Live, null, null, "", 0)).Add(b => b.Hub, HubState.Connected).Add(b => b.Counts, counts));

        Assert.Equal("reconnected 3×", cut.Find("[data-connection=reconnects]").TextContent.Trim());
        Assert.Equal("resynced 3×", cut.Find("[data-connection=resnapshots]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-connection=caught-up]"));
    }

    [Fact]
    public void Render_NothingHappened_ShowsNoCounts()
    {
        var cut = Banner(new ConnectionView(UpstreamState.Live, null, null, "", 0));

        Assert.Empty(cut.FindAll("[data-connection=reconnects]"));
        Assert.Empty(cut.FindAll("[data-connection=resnapshots]"));
        Assert.Empty(cut.FindAll("[data-connection=caught-up]"));
    }

    [Fact]
    public void Render_BadMessages_AreCountedVisibly()
    {
        var cut = Banner(new ConnectionView(UpstreamState.Live, null, null, "", 3));

        Assert.Contains("3 unreadable upstream message(s) skipped", cut.Find("[data-connection=bad-messages]").TextContent, StringComparison.Ordinal);
    }
}
