using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Client.Layout;
using Rollout.Client.Pages;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Comfort;

/// <summary>The list: stars for notifications, / for the job filter, start times on hover; and the layout notifying.</summary>
public class UpdatesListComfortTests : ClientTest
{
    private static readonly ClockSync Sync = new(Views.T0, 0);

    private void ShowList(long version, params UpdateView[] updates) =>
        Dashboard.Store.Load(new ListSnapshot("e1", version, Sync, ConnectionView.Initial, updates));

    [Fact]
    public async Task Star_ClickedOnARow_IsRemembered()
    {
        ShowList(1, Views.Update(UpdateStatus.RollingForward));
        var cut = Render<Updates>();

        var star = cut.WaitForElement("button[aria-label='Star www-data/prod/web #web-1']", Wait);
        await cut.InvokeAsync(() => star.Click());

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("button[aria-label='Star www-data/prod/web #web-1']").GetAttribute("aria-pressed")), Wait);
        Assert.Equal("""["www-data/prod/web#web-1"]""", Browser.Stored[OperatorPreferences.StarredKey]);
    }

    [Fact]
    public void Age_HoverShowsTheStartInTheViewersZoneAndUtc()
    {
        ShowList(1, Views.Update(UpdateStatus.RollingForward));
        var cut = Render<Updates>();

        var age = cut.WaitForElement("td[data-label=Age] span", Wait);

        Assert.Equal("started 2026-05-01 11:00:00 UTC · 2026-05-01 11:00:00 UTC", age.GetAttribute("title"));
    }

    [Fact]
    public async Task Slash_FocusesTheJobFilter()
    {
        ShowList(1, Views.Update(UpdateStatus.RollingForward));
        var cut = Render<Updates>();
        cut.WaitForElement("input[aria-label='Filter by job']", Wait);

        await cut.InvokeAsync(() => Services.GetRequiredService<KeyboardShortcuts>().OnKey("/", "page", false, false, false));

        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "Blazor._internal.domWrapper.focus"), Wait);
    }

    [Fact]
    public async Task Layout_StarredUpdateFails_NotifiesOnceOptedIn()
    {
        Notifications.Permission = "granted";
        var preferences = Services.GetRequiredService<OperatorPreferences>();
        await preferences.SetNotificationsAsync(true);
        await preferences.ToggleStarAsync(Views.Key);
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "the page"))));

        await cut.InvokeAsync(() => ShowList(1, Views.Update(UpdateStatus.RollingForward)));
        await cut.InvokeAsync(() => ShowList(2, Views.Update(UpdateStatus.Failed)));

        cut.WaitForAssertion(() => Assert.Equal("www-data/prod/web #web-1 failed", Assert.Single(Notifications.Shown).Title), Wait);
    }
}
