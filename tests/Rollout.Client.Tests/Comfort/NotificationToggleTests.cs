using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Rollout.Client.Components;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;

namespace Rollout.Client.Tests.Comfort;

/// <summary>Notifications are opt-in: permission is asked only on opting in, and the choice is remembered.</summary>
public class NotificationToggleTests : ClientTest
{
    private OperatorPreferences Preferences => Services.GetRequiredService<OperatorPreferences>();

    private static string Label(IRenderedComponent<NotificationToggle> cut) => cut.Find("button").GetAttribute("aria-label")!;

    [Fact]
    public void Render_NotOptedIn_IsOffAndAsksNothing()
    {
        var cut = Render<NotificationToggle>();

        Assert.Equal("Notifications: off", Label(cut));
        Assert.Equal(0, Notifications.Requests);
    }

    [Fact]
    public async Task Click_PermissionGranted_TurnsOnAndRemembers()
    {
        Render<MudSnackbarProvider>();
        var cut = Render<NotificationToggle>();

        await cut.InvokeAsync(() => cut.Find("button").Click());

        cut.WaitForAssertion(() => Assert.Equal("Notifications: on", Label(cut)), Wait);
        Assert.Equal(1, Notifications.Requests);
        Assert.Equal("on", Browser.Stored[OperatorPreferences.NotificationsKey]);
        Assert.Equal("true", cut.Find("button").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task Click_PermissionDenied_StaysOffAndSaysWhy()
    {
        Notifications.Answer = "denied";
        var snackbars = Render<MudSnackbarProvider>();
        var cut = Render<NotificationToggle>();

        await cut.InvokeAsync(() => cut.Find("button").Click());

        snackbars.WaitForAssertion(() => Assert.Contains("did not allow notifications", snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal("Notifications: off", Label(cut));
        Assert.False(Browser.Stored.ContainsKey(OperatorPreferences.NotificationsKey));
    }

    [Fact]
    public async Task Click_WhileOn_TurnsOffWithoutAsking()
    {
        Notifications.Permission = "granted";
        await Preferences.SetNotificationsAsync(true);
        var cut = Render<NotificationToggle>();

        await cut.InvokeAsync(() => cut.Find("button").Click());

        cut.WaitForAssertion(() => Assert.Equal("Notifications: off", Label(cut)), Wait);
        Assert.Equal(0, Notifications.Requests);
        Assert.False(Browser.Stored.ContainsKey(OperatorPreferences.NotificationsKey));
    }

    [Fact]
    public async Task Render_RememberedOnButPermissionWithdrawn_ShowsOff()
    {
        Notifications.Permission = "denied";
        await Preferences.SetNotificationsAsync(true);

        var cut = Render<NotificationToggle>();

        cut.WaitForAssertion(() => Assert.Equal("Notifications: off", Label(cut)), Wait);
        Assert.False(Preferences.Notifications);
    }

    [Fact]
    public async Task StarButton_ClickedTwice_StarsThenUnstars()
    {
        var cut = Render<StarButton>(p => p.Add(c => c.UpdateKey, Views.Key).Add(c => c.Label, "www-data/prod/web #web-1"));
        Assert.Equal("Star www-data/prod/web #web-1", cut.Find("button").GetAttribute("aria-label"));
        Assert.Equal("false", cut.Find("button").GetAttribute("aria-pressed"));

        await cut.InvokeAsync(() => cut.Find("button").Click());
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("button").GetAttribute("aria-pressed")), Wait);
        Assert.Contains(Views.Key, Preferences.Starred);

        await cut.InvokeAsync(() => cut.Find("button").Click());
        cut.WaitForAssertion(() => Assert.Equal("false", cut.Find("button").GetAttribute("aria-pressed")), Wait);
        Assert.Empty(Preferences.Starred);
    }
}
