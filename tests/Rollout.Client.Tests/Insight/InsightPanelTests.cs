using Bunit;
using Rollout.Client.Components.Insight;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Insight;

namespace Rollout.Client.Tests.Insight;

/// <summary>The panel over a real view, folded by the domain from a small update's log.</summary>
public class InsightPanelTests : ClientTest
{
    [Fact]
    public void Render_RealView_ShowsExplainerAndEtaFirstAndTheTimelineTab()
    {
        var view = InsightLogs.Rolling(20);
        Assert.True(view.Blockers.Has(BlockingKind.WatchCountdown), view.Blockers.Headline);

        var cut = Render<InsightPanel>(p => p.Add(c => c.View, view));

        Assert.Equal(view.Blockers.Headline, cut.Find("[data-testid=blockers-headline]").TextContent);
        var watch = cut.Find("li.blocked-reason[data-kind=WatchCountdown]");
        Assert.Equal(["1"], watch.QuerySelectorAll("[data-instance]").Select(c => c.GetAttribute("data-instance")));
        Assert.Contains("12:00:36", watch.TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find(".insight-top [data-testid=eta]"));
        Assert.NotNull(cut.Find(".timeline-view"));
        Assert.Empty(cut.FindAll(".gating-savings"));
    }

    [Fact]
    public async Task Tabs_GatingThenStrategies_ShowEachView()
    {
        var view = InsightLogs.Rolling(20);
        var cut = Render<InsightPanel>(p => p.Add(c => c.View, view));

        await cut.InvokeAsync(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Gating", StringComparison.Ordinal)).Click());
        cut.WaitForAssertion(() => Assert.Equal(view.Gating.Explanation, cut.Find("[data-testid=gating-explanation]").TextContent), Wait);

        await cut.InvokeAsync(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.StartsWith("Strategies", StringComparison.Ordinal)).Click());
        cut.WaitForAssertion(() => Assert.Equal(view.Strategies.Summary, cut.Find("[data-testid=strategy-summary]").TextContent), Wait);
        Assert.Contains("used", cut.Find("[aria-label='Strategy totals'] tr[data-strategy=S2]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tabs_NewViewArrives_StaysOnTheOpenTab()
    {
        var cut = Render<InsightPanel>(p => p.Add(c => c.View, InsightLogs.Rolling(20)));
        await cut.InvokeAsync(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Gating", StringComparison.Ordinal)).Click());
        cut.WaitForElement(".gating-savings", Wait);

        cut.Render(p => p.Add(c => c.View, InsightLogs.Rolling(22)));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".gating-savings")), Wait);
    }

    [Fact]
    public async Task InstanceChip_Clicked_RaisesInstanceSelected()
    {
        var selected = new List<int>();
        var cut = Render<InsightPanel>(p => p.Add(c => c.View, InsightLogs.Rolling(20)).Add(c => c.InstanceSelected, selected.Add));

        await cut.InvokeAsync(() => cut.Find("li.blocked-reason[data-kind=WatchCountdown] [data-instance='1']").Click());

        Assert.Equal([1], selected);
    }

    [Fact]
    public void Render_NoViewYet_ShowsLoading()
    {
        var cut = Render<InsightPanel>(p => p.Add(c => c.View, null));

        Assert.NotNull(cut.Find("[aria-label='Loading insight']"));
    }
}
