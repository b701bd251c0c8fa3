using Bunit;
using Rollout.Client.Components.Insight;
using Rollout.Client.Tests.Support;
using static Rollout.Client.Tests.Insight.InsightSamples;

namespace Rollout.Client.Tests.Insight;

public class GatingAndStrategyTests : ClientTest
{
    private static string Stat(IRenderedComponent<GatingSavings> cut, string id) => cut.Find($"[data-testid={id}] b").TextContent;

    [Fact]
    public void GatingSavings_Numbers_ShowsTimesSavingsShareAndExplanation()
    {
        var cut = Render<GatingSavings>(p => p.Add(c => c.Gating, Gating()));

        Assert.Equal("80 s", Stat(cut, "watch-time"));
        Assert.Equal("75 s", Stat(cut, "check-time"));
        Assert.Equal("2 min", Stat(cut, "saved"));
        Assert.Equal("75 s", Stat(cut, "would-have-saved"));
        Assert.Contains("3 tasks", cut.Find("[data-testid=watch-time]").TextContent, StringComparison.Ordinal);
        Assert.Contains("starting takes 2 s without checks", cut.Find("[data-testid=check-time]").TextContent, StringComparison.Ordinal);
        Assert.Contains("checks typically add 5 s", cut.Find("[data-testid=saved]").TextContent, StringComparison.Ordinal);
        Assert.Equal("6 health-gated (60%) · 3 watch_secs (30%) · 1 undetermined (10%)", cut.Find("[data-testid=gating-share]").GetAttribute("aria-label"));
        Assert.Equal(["flex-grow: 6", "flex-grow: 3", "flex-grow: 1"], cut.FindAll(".gating-share-part").Select(e => e.GetAttribute("style")));
        Assert.Equal(Gating().Explanation, cut.Find("[data-testid=gating-explanation]").TextContent);
    }

    [Fact]
    public void GatingSavings_NothingGatedYet_SaysWhatIsNotKnown()
    {
        var gating = Gating() with { WouldHaveSaved = null, TypicalExtraCheck = null, BaselineStart = null, Share = new(0, 0, 0) };

        var cut = Render<GatingSavings>(p => p.Add(c => c.Gating, gating));

        Assert.Equal("not known yet", Stat(cut, "would-have-saved"));
        Assert.Contains("no gated task observed yet", cut.Find("[data-testid=saved]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".gating-share-part"));
    }

    [Fact]
    public void StrategyComparison_Totals_MarkTheUsedStrategy()
    {
        var cut = Render<StrategyComparisonView>(p => p.Add(c => c.Strategies, Strategies(Agreeing(0), Differing(1))));

        var rows = cut.FindAll("[aria-label='Strategy totals'] tbody tr");
        Assert.Equal(["S1", "S2", "S3"], rows.Select(r => r.GetAttribute("data-strategy")));
        Assert.Contains("used", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("used-verdict", rows[1].ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("used", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(["S3", "3", "0", "0", "1", "28 s", "0 s"], rows[2].Children.Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public void StrategyComparison_Default_ListsOnlyDisagreementsWithModeEvidenceAndTime()
    {
        var cut = Render<StrategyComparisonView>(p => p.Add(c => c.Strategies, Strategies(Agreeing(0), Differing(1), Agreeing(2))));

        var rows = cut.FindAll("[aria-label='Instances by strategy'] tbody tr");
        var row = Assert.Single(rows);
        Assert.Equal("1", row.GetAttribute("data-instance"));
        var s3 = row.Children[5];
        Assert.Contains("health-gated (unsafe)", s3.TextContent, StringComparison.Ordinal);
        Assert.Contains("6 s", s3.TextContent, StringComparison.Ordinal);
        Assert.Contains("executorDrivenUpdates bit set", s3.TextContent, StringComparison.Ordinal);
        Assert.Contains("used-verdict", row.Children[4].ClassName, StringComparison.Ordinal);
        Assert.Contains("watch_secs", row.Children[4].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrategyComparison_ShowAll_ListsEveryInstance()
    {
        var cut = Render<StrategyComparisonView>(p => p.Add(c => c.Strategies, Strategies(Agreeing(0), Differing(1), Agreeing(2))));

        await cut.InvokeAsync(() => cut.Find("input[aria-label='Show all instances']").Change(true));

        cut.WaitForAssertion(() => Assert.Equal(["0", "1", "2"],
            cut.FindAll("[aria-label='Instances by strategy'] tbody tr").Select(r => r.GetAttribute("data-instance"))), Wait);
    }

    [Fact]
    public void StrategyComparison_AllAgree_SaysSo()
    {
        var cut = Render<StrategyComparisonView>(p => p.Add(c => c.Strategies, Strategies(Agreeing(0))));

        Assert.Equal("The strategies agree on every instance.", cut.Find("[data-testid=strategy-none]").TextContent);
    }

    [Fact]
    public void StrategyComparison_Omitted_SaysHowManyMoreAreNotShown()
    {
        var cut = Render<StrategyComparisonView>(p => p.Add(c => c.Strategies, Strategies(Differing(1))).Add(c => c.Omitted, 9800));

        Assert.StartsWith("9800 more not shown", cut.Find("[data-testid=strategy-omitted]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrategyComparison_InstanceClicked_RaisesInstanceSelected()
    {
        var selected = new List<int>();
        var cut = Render<StrategyComparisonView>(p => p.Add(c => c.Strategies, Strategies(Agreeing(0), Differing(7))).Add(c => c.InstanceSelected, selected.Add));

        await cut.InvokeAsync(() => cut.Find("[aria-label='Open instance 7']").Click());

        Assert.Equal([7], selected);
    }
}
