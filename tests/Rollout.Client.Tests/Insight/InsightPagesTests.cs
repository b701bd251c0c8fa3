using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Client.Pages;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using static Rollout.Client.Tests.Insight.InsightSamples;

namespace Rollout.Client.Tests.Insight;

/// <summary>The live pages ask for insight on the fake clock and keep what they showed when a fetch fails.</summary>
public class InsightPagesTests : ClientTest
{
    private const string Path = "/updates/www-data/prod/web/web-1";

    private static readonly ClockSync Sync = new(Views.T0, 0);

    private BunitNavigationManager Navigation => (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();

    private int InsightRequests => Insight.Requests.Count(r => r == $"insight {Views.Key}");

    private int SummaryRequests => Insight.Requests.Count(r => r == "summaries");

    private IRenderedComponent<UpdatePage> OpenUpdate(string query = "")
    {
        Render<MudBlazor.MudPopoverProvider>();
        InstanceView[] rows = [.. Enumerable.Range(0, 3).Select(i => Views.Instance(i))];
        Dashboard.Store.Load(Views.Key, new UpdateSnapshot("e1", 1, Sync, ConnectionView.Initial, Views.Update(UpdateStatus.RollingForward),
            InstanceRowCodec.Encode(rows), [], []));
        Navigation.NavigateTo(Path + query);
        return Render<UpdatePage>(p => p.Add(c => c.Role, "www-data").Add(c => c.Env, "prod").Add(c => c.Name, "web").Add(c => c.Id, "web-1"));
    }

    [Fact]
    public void UpdatePage_Open_ShowsTheEtaInTheHeaderAndTheExplainer()
    {
        var view = InsightLogs.Rolling(20);
        Insight.Insights[Views.Key] = view;

        var cut = OpenUpdate();

        cut.WaitForAssertion(() => Assert.Equal(view.Blockers.Headline, cut.Find("[data-testid=blockers-headline]").TextContent), Wait);
        Assert.Equal(view.Eta.Kind.ToString(), cut.Find(".mud-paper:first-child [data-testid=eta]").GetAttribute("data-kind"));
    }

    [Fact]
    public void UpdatePage_ClockAdvances_FetchesAgainAndKeepsTheLastViewWhenAFetchFails()
    {
        Insight.Insights[Views.Key] = View();
        var cut = OpenUpdate();
        cut.WaitForAssertion(() => Assert.Equal("watch_secs", cut.Find("[data-testid=blockers-headline]").TextContent), Wait);
        Assert.Equal(1, InsightRequests);

        Insight.Insights.Remove(Views.Key);
        Time.Advance(Client.Pages.UpdatePage.InsightEvery);

        cut.WaitForAssertion(() => Assert.Equal(2, InsightRequests), Wait);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=insight-stale]")), Wait);
        Assert.Equal("watch_secs", cut.Find("[data-testid=blockers-headline]").TextContent);

        Insight.Insights[Views.Key] = View(Blockers(Reason(BlockingKind.Paused, "paused by bob", "paused by bob")));
        Time.Advance(Client.Pages.UpdatePage.InsightEvery);

        cut.WaitForAssertion(() => Assert.Equal("paused by bob", cut.Find("[data-testid=blockers-headline]").TextContent), Wait);
        Assert.Empty(cut.FindAll("[data-testid=insight-stale]"));
    }

    [Fact]
    public async Task UpdatePage_Disposed_StopsPolling()
    {
        Insight.Insights[Views.Key] = View();
        var cut = OpenUpdate();
        cut.WaitForAssertion(() => Assert.Equal(1, InsightRequests), Wait);

        await DisposeComponentsAsync().WaitAsync(Wait);
        Time.Advance(Client.Pages.UpdatePage.InsightEvery * 3);

        Assert.Equal(1, InsightRequests);
    }

    [Fact]
    public async Task UpdatePage_HideInsight_CollapsesToTheHeadlineAndLinksIt()
    {
        Insight.Insights[Views.Key] = View();
        var cut = OpenUpdate();
        cut.WaitForElement("[data-testid=insight-panel]", Wait);

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Hide the insight']").Click());

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=insight-panel]")), Wait);
        Assert.EndsWith("?insight=hidden", Navigation.Uri, StringComparison.Ordinal);
        Assert.Equal("watch_secs", cut.Find(".insight-section .blocked-headline-text").TextContent);
    }

    [Fact]
    public void UpdatePage_DeepLinkHidden_OpensCollapsed()
    {
        Insight.Insights[Views.Key] = View();

        var cut = OpenUpdate("?insight=hidden");

        cut.WaitForElement("button[aria-label='Show the insight']", Wait);
        Assert.Empty(cut.FindAll("[data-testid=insight-panel]"));
    }

    [Fact]
    public async Task UpdatePage_ExplainerInstanceClicked_OpensTheInstance()
    {
        Insight.Insights[Views.Key] = View(strategies: Strategies(Differing(2)));
        var cut = OpenUpdate();
        cut.WaitForElement("[data-testid=insight-panel]", Wait);

        await cut.InvokeAsync(() => cut.Find(".blocked-reason [data-instance='2']").Click());

        cut.WaitForAssertion(() => Assert.EndsWith("?instance=2", Navigation.Uri, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void Updates_ActiveUpdate_ShowsHeadlineAndDenseEtaAndRefreshesEveryFiveSeconds()
    {
        Dashboard.Store.Load(new ListSnapshot("e1", 1, Sync, ConnectionView.Initial, [Views.Update(UpdateStatus.RollingForward)]));
        Insight.Summaries = [new InsightSummary(Views.Key, "health checks · pending", Estimate())];

        var cut = Render<Updates>();

        cut.WaitForAssertion(() => Assert.Equal("health checks · pending", cut.Find("td[data-label='Waiting on'] .blocked-headline-text").TextContent), Wait);
        Assert.Equal("~12 min", cut.Find("td[data-label='Waiting on'] [data-testid=eta]").TextContent.Trim());
        Assert.Equal(1, SummaryRequests);

        Insight.Summaries = null;
        Time.Advance(Updates.InsightEvery);
        cut.WaitForAssertion(() => Assert.Equal(2, SummaryRequests), Wait);
        Assert.Equal("health checks · pending", cut.Find("td[data-label='Waiting on'] .blocked-headline-text").TextContent);

        Insight.Summaries = [new InsightSummary(Views.Key, "paused by bob", Estimate(suspended: true))];
        Time.Advance(Updates.InsightEvery);
        cut.WaitForAssertion(() => Assert.Equal("paused by bob", cut.Find("td[data-label='Waiting on'] .blocked-headline-text").TextContent), Wait);
        Assert.Equal("~12 min once rolling", cut.Find("td[data-label='Waiting on'] [data-testid=eta]").TextContent.Trim());
    }

    [Fact]
    public void Updates_FinishedUpdate_ShowsNoInsight()
    {
        Dashboard.Store.Load(new ListSnapshot("e1", 1, Sync, ConnectionView.Initial, [Views.Update(UpdateStatus.RolledForward)]));
        Insight.Summaries = [new InsightSummary(Views.Key, "rolled forward", Estimate())];

        var cut = Render<Updates>();

        cut.WaitForAssertion(() => Assert.Equal(1, SummaryRequests), Wait);
        cut.WaitForElement("td[data-label='Waiting on']", Wait);
        Assert.Empty(cut.FindAll("td[data-label='Waiting on'] .blocked-headline"));
    }
}
