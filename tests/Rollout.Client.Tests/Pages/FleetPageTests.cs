using Bunit;
using Rollout.Client.Pages;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Fleet;
using Rollout.Domain.Inference;

namespace Rollout.Client.Tests.Pages;

public class FleetPageTests : ClientTest
{
    private static readonly DateTimeOffset T0 = Views.T0;

    private static FleetView Fleet(params AdoptionPoint[] adoption) => new(
        T0,
        new FleetTotals(Hosts: 10, HostsVCurrent: 6, HostsVPrev: 4, HostsUnknown: 0, Jobs: 2, Instances: 40, HealthGated: 30, WatchSecs: 10, Undetermined: 0),
        [
            new HostGroupView(ExecutorVersion.VCurrent, ["GRACEFUL_SHUTDOWN", "HEALTH_GATED_RUNNING"], 6, ["h1", "h2", "h3", "h4", "h5"]),
            new HostGroupView(ExecutorVersion.VPrev, [], 4, ["h7", "h8", "h9", "h10"]),
        ],
        adoption,
        [new JobFallbackView("www/prod/web", "www/prod/web#web-1", "web-1", 20, 10, [new ReasonCount("S2: RUNNING without any capabilities", 10)])],
        [new AttentionItem(AttentionKind.Hazard, "www/prod/web#web-1", "www/prod/web", "web-1", "watch_secs = 0 (WATCH_SECS_ZERO_WITHOUT_GATING)", [1, 2, 3], 25, T0)]);

    [Fact]
    public void Render_AFleet_ShowsTotalsGroupsFallbacksAndAttention()
    {
        Dashboard.Fleet = Fleet();

        var cut = Render<Fleet>();

        cut.WaitForAssertion(() => Assert.Contains("75%", cut.Find("[aria-label='Fleet totals']").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("6 vCurrent · 4 vPrev · 0 unknown", cut.Find("[aria-label='Fleet totals']").TextContent, StringComparison.Ordinal);
        var groups = cut.FindAll("[aria-label='Hosts by executor'] tbody tr");
        Assert.Equal(2, groups.Count);
        Assert.Contains("GRACEFUL_SHUTDOWN, HEALTH_GATED_RUNNING", groups[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("h1, h2, h3, h4, h5, …", groups[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("none advertised", groups[1].TextContent, StringComparison.Ordinal);
        var attention = cut.Find("[aria-label='Needs attention'] tbody tr");
        Assert.Contains("1, 2, 3 and 22 more", attention.TextContent, StringComparison.Ordinal);
        Assert.Equal("/updates/www/prod/web/web-1", attention.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("10 × S2: RUNNING without any capabilities", cut.Find("[aria-label='Jobs on the watch_secs fallback']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TwoAdoptionSamples_DrawsBothSharesAndSaysHowTheyMoved()
    {
        Dashboard.Fleet = Fleet(new AdoptionPoint(T0, 10, 2, 5, 15), new AdoptionPoint(T0.AddMinutes(30), 10, 6, 30, 10));

        var cut = Render<Fleet>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("svg.fleet-adoption polyline").Count), Wait);
        var chart = cut.Find("svg.fleet-adoption");
        Assert.Equal("over 30 min: vCurrent hosts 20% → 60%, health-gated instances 25% → 75%", chart.GetAttribute("aria-label"));
        // Time across (0..600), share up (80 at 0%, 0 at 100%).
        Assert.Equal("0,64 600,32", cut.Find("polyline.fleet-adoption-vcurrent").GetAttribute("points"));
    }

    [Fact]
    public void Refresh_EveryFiveSeconds_FetchesAgainAndKeepsTheLastViewWhenAFetchFails()
    {
        Dashboard.Fleet = Fleet();
        var cut = Render<Fleet>();
        cut.WaitForAssertion(() => Assert.Equal(1, Dashboard.FleetRequests), Wait);

        Dashboard.Fleet = null;
        Time.Advance(Client.Pages.Fleet.RefreshEvery);

        cut.WaitForAssertion(() => Assert.Equal(2, Dashboard.FleetRequests), Wait);
        cut.WaitForAssertion(() => Assert.Contains("75%", cut.Find("[aria-label='Fleet totals']").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void Render_FirstFetchFails_SaysItWillRetry()
    {
        Dashboard.Fleet = null;

        var cut = Render<Fleet>();

        cut.WaitForAssertion(() => Assert.Contains("could not be fetched", cut.Markup, StringComparison.Ordinal), Wait);
    }
}
