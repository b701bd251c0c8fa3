using Bunit;
using MudBlazor;
using Rollout.Client.Components.Insight;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Insight;
using static Rollout.Client.Tests.Insight.InsightSamples;

namespace Rollout.Client.Tests.Insight;

public class EtaChipTests : ClientTest
{
    private IRenderedComponent<EtaChip> Chip(UpdateEta eta, bool dense = false) =>
        Render<EtaChip>(p => p.Add(c => c.Eta, eta).Add(c => c.Dense, dense));

    private static string Text(IRenderedComponent<EtaChip> cut) => cut.Find("[data-testid=eta]").TextContent.Trim();

    [Fact]
    public void Render_Estimate_ShowsExpectedRangeAndLocalFinish()
    {
        var cut = Chip(Estimate());

        Assert.Equal("~12 min (8–20 min), done ~12:12:00", Text(cut));
        Assert.Contains("mud-chip-color-info", cut.Find("[data-testid=eta]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EstimateDense_ShowsOnlyTheExpectedTime()
    {
        Assert.Equal("~12 min", Text(Chip(Estimate(), dense: true)));
    }

    [Fact]
    public void Render_Suspended_CountsFromWhenItRollsAgain()
    {
        var cut = Chip(Estimate(suspended: true));

        Assert.Equal("~12 min (8–20 min) once it rolls again", Text(cut));
        Assert.DoesNotContain("done", Text(cut), StringComparison.Ordinal);
        Assert.Equal("~12 min once rolling", Text(Chip(Estimate(suspended: true), dense: true)));
    }

    [Fact]
    public void Render_Unknown_SaysSo()
    {
        Assert.Equal("ETA unknown", Text(Chip(UpdateEta.Unknown("no batch finished yet to estimate from"))));
    }

    [Fact]
    public void Render_Finished_SaysDone()
    {
        var finished = new UpdateEta(EtaKind.Finished, null, null, null, null, false, false, 5, 0, 0, "the update finished");

        var cut = Chip(finished);

        Assert.Equal("done", Text(cut));
        Assert.Contains("mud-chip-color-success", cut.Find("[data-testid=eta]").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Backward_MarksTheRollback()
    {
        var cut = Chip(Estimate(backward: true));

        Assert.StartsWith("rollback ~12 min", Text(cut), StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-warning", cut.Find("[data-testid=eta]").ClassName, StringComparison.Ordinal);
        Assert.Equal("rollback ETA unknown", Text(Chip(UpdateEta.Unknown("nothing rolled back yet", backward: true))));
    }

    [Fact]
    public void Render_Any_GivesScreenReadersTheWholeExplanation()
    {
        var eta = Estimate();

        var cut = Chip(eta);

        Assert.Equal($"ETA: ~12 min (8–20 min), done ~12:12:00. {eta.Explanation}", cut.Find("[data-testid=eta]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Hover_ShowsTheExplanation()
    {
        var popovers = Render<MudPopoverProvider>();
        var eta = Estimate();
        var cut = Chip(eta);
        Assert.DoesNotContain(eta.Explanation, popovers.Markup, StringComparison.Ordinal);

        await cut.InvokeAsync(() => cut.Find(".mud-tooltip-root").PointerEnter());

        popovers.WaitForAssertion(() => Assert.Contains(eta.Explanation, popovers.Find(".mud-tooltip").TextContent, StringComparison.Ordinal), Wait);
    }
}
