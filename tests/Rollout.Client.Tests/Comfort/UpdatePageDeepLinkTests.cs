using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Client.Pages;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Comfort;

/// <summary>The update page's view lives in its URL: links restore it, changes navigate, Back undoes them.</summary>
public class UpdatePageDeepLinkTests : ClientTest
{
    private const string Path = "/updates/www-data/prod/web/web-1";

    private static readonly ClockSync Sync = new(Views.T0, 0);

    public UpdatePageDeepLinkTests()
    {
        Render<MudBlazor.MudPopoverProvider>();
        InstanceView[] rows = [.. Enumerable.Range(0, 3).Select(i => Views.Instance(i) with { Host = $"host-{i + 1}" })];
        Dashboard.Store.Load(Views.Key, new UpdateSnapshot("e1", 1, Sync, ConnectionView.Initial, Views.Update(UpdateStatus.RollingForward),
            InstanceRowCodec.Encode(rows), [], []));
    }

    private BunitNavigationManager Navigation => (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<UpdatePage> Open(string query)
    {
        Navigation.NavigateTo(Path + query);
        return Render<UpdatePage>(p => p.Add(c => c.Role, "www-data").Add(c => c.Env, "prod").Add(c => c.Name, "web").Add(c => c.Id, "web-1"));
    }

    private static string[] Hosts(IRenderedComponent<UpdatePage> cut) =>
        [.. cut.FindAll("table[aria-label=Instances] tbody tr[data-instance]").Select(r => r.Children[1].TextContent.Trim())];

    [Fact]
    public void Render_DeepLink_RestoresFilterSortGridAndOpenInstance()
    {
        var cut = Open("?q=host&sort=host&desc=1&instance=1&grid=hidden");

        cut.WaitForAssertion(() => Assert.Equal(["host-3", "host-2", "host-1"], Hosts(cut)), Wait);
        Assert.Equal("host", cut.Find("input[aria-label='Filter instances']").GetAttribute("value"));
        Assert.Equal("descending", cut.FindAll("th").Single(th => th.TextContent.StartsWith("Host", StringComparison.Ordinal)).GetAttribute("aria-sort"));
        Assert.NotNull(cut.Find("[aria-label='Instance 1 details']"));
        Assert.Empty(cut.FindAll("canvas"));
        Assert.NotNull(cut.Find("button[aria-label='Show the instance grid']"));
    }

    [Fact]
    public void Render_FilterInTheLink_ShowsOnlyWhatMatches()
    {
        var cut = Open("?q=host-2");

        cut.WaitForAssertion(() => Assert.Equal(["host-2"], Hosts(cut)), Wait);
        Assert.Contains("1 of 3 instances", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NonsenseInTheLink_ShowsTheDefaultView()
    {
        var cut = Open("?instance=abc&sort=colour&desc=perhaps&color=purple");

        cut.WaitForAssertion(() => Assert.Equal(["host-1", "host-2", "host-3"], Hosts(cut)), Wait);
        Assert.Empty(cut.FindAll("[aria-label$=' details']"));
        Assert.NotEmpty(cut.FindAll("canvas"));
    }

    [Fact]
    public async Task SelectThenClose_EachIsAHistoryStep_BackReopens()
    {
        var cut = Open("");
        cut.WaitForAssertion(() => Assert.Equal(3, Hosts(cut).Length), Wait);

        await cut.InvokeAsync(() => cut.Find("tr[data-instance='2']").Click());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label='Instance 2 details']")), Wait);
        Assert.EndsWith("?instance=2", Navigation.Uri, StringComparison.Ordinal);
        Assert.False(Navigation.History.First().Options.ReplaceHistoryEntry, "opening is a step of its own");

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Close instance details']").Click());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[aria-label='Instance 2 details']")), Wait);
        Assert.EndsWith(Path, Navigation.Uri, StringComparison.Ordinal);

        // Back: the browser goes to the previous URL, and the page shows what it says.
        await cut.InvokeAsync(() => Navigation.NavigateTo(Path + "?instance=2"));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label='Instance 2 details']")), Wait);
    }

    [Fact]
    public async Task Sort_ClickedHeader_GoesIntoTheUrl_BackRestoresTheOldSort()
    {
        var cut = Open("");
        cut.WaitForAssertion(() => Assert.Equal(3, Hosts(cut).Length), Wait);

        await cut.InvokeAsync(() => cut.FindAll("th button").Single(b => b.TextContent.StartsWith("Host", StringComparison.Ordinal)).Click());
        await cut.InvokeAsync(() => cut.FindAll("th button").Single(b => b.TextContent.StartsWith("Host", StringComparison.Ordinal)).Click());

        cut.WaitForAssertion(() => Assert.Equal(["host-3", "host-2", "host-1"], Hosts(cut)), Wait);
        Assert.EndsWith("?sort=host&desc=1", Navigation.Uri, StringComparison.Ordinal);

        await cut.InvokeAsync(() => Navigation.NavigateTo(Path + "?sort=host"));
        cut.WaitForAssertion(() => Assert.Equal(["host-1", "host-2", "host-3"], Hosts(cut)), Wait);
        Assert.Equal("ascending", cut.FindAll("th").Single(th => th.TextContent.StartsWith("Host", StringComparison.Ordinal)).GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Filter_Typed_ReplacesTheUrlWithoutAHistoryStep()
    {
        var cut = Open("");
        cut.WaitForAssertion(() => Assert.Equal(3, Hosts(cut).Length), Wait);

        await cut.InvokeAsync(() => cut.Find("input[aria-label='Filter instances']").Input("host-3"));
        Time.Advance(TimeSpan.FromMilliseconds(250)); // the field's debounce runs on the page's clock

        cut.WaitForAssertion(() => Assert.EndsWith("?q=host-3", Navigation.Uri, StringComparison.Ordinal), Wait);
        Assert.True(Navigation.History.First().Options.ReplaceHistoryEntry);
        cut.WaitForAssertion(() => Assert.Equal(["host-3"], Hosts(cut)), Wait);
    }

    [Fact]
    public async Task ColourBy_Chosen_GoesIntoTheUrl()
    {
        var cut = Open("");
        cut.WaitForAssertion(() => Assert.Equal(3, Hosts(cut).Length), Wait);

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Executor version").Click());

        cut.WaitForAssertion(() => Assert.EndsWith("?color=executor", Navigation.Uri, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Escape_PanelOpen_ClosesIt()
    {
        var cut = Open("?instance=0");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label='Instance 0 details']")), Wait);

        await cut.InvokeAsync(() => Services.GetRequiredService<KeyboardShortcuts>().OnKey("Escape", "page", false, false, false));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[aria-label='Instance 0 details']")), Wait);
        Assert.EndsWith(Path, Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_UpdateOpen_IsWatchedForNotifications()
    {
        Open("");

        Assert.Equal(Views.Key, Services.GetRequiredService<UpdateNotifier>().Open);
        await DisposeComponentsAsync();
        Assert.Null(Services.GetRequiredService<UpdateNotifier>().Open);
    }
}
