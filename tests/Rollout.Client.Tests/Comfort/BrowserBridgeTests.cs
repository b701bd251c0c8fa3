using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Comfort;

/// <summary>The C# side of the small scripts: what they are asked, and what a failing script leaves.</summary>
public class BrowserBridgeTests : ClientTest
{
    public BrowserBridgeTests()
    {
        Services.AddSingleton<BrowserPreferences>();
        Services.AddSingleton<BrowserNotifications>();
    }

    [Fact]
    public async Task BrowserPreferences_Load_ReadsTheModulesSnapshot()
    {
        var module = JSInterop.SetupModule(BrowserPreferences.ModulePath);
        var stored = new Dictionary<string, string?> { [OperatorPreferences.ThemeKey] = "dark" };
        module.Setup<BrowserSnapshot?>("load", _ => true).SetResult(new BrowserSnapshot(stored, true, "Europe/Berlin"));
        var preferences = Services.GetRequiredService<BrowserPreferences>();

        var snapshot = await preferences.LoadAsync([OperatorPreferences.ThemeKey]);

        Assert.Equal("dark", snapshot.Value(OperatorPreferences.ThemeKey));
        Assert.True(snapshot.PrefersDark);
        Assert.Equal("Europe/Berlin", snapshot.TimeZone);
    }

    [Fact]
    public async Task BrowserPreferences_ScriptFails_KeepsTheDefaults()
    {
        var module = JSInterop.SetupModule(BrowserPreferences.ModulePath);
        module.Setup<BrowserSnapshot?>("load", _ => true).SetException(new JSException("storage refused"));
        module.SetupVoid("save", _ => true).SetException(new JSException("storage refused"));
        var preferences = Services.GetRequiredService<BrowserPreferences>();

        Assert.Same(BrowserSnapshot.Empty, await preferences.LoadAsync(["x"]));
        await preferences.SaveAsync("x", "y"); // does not throw
    }

    [Fact]
    public async Task BrowserPreferences_ShowTheme_MarksThePage()
    {
        var module = JSInterop.SetupModule(BrowserPreferences.ModulePath);
        module.SetupVoid("showTheme", true).SetVoidResult();

        await Services.GetRequiredService<BrowserPreferences>().ShowThemeAsync(true);

        module.VerifyInvoke("showTheme");
    }

    [Fact]
    public async Task BrowserNotifications_Show_PassesTheNoticeAndItsPage()
    {
        var module = JSInterop.SetupModule(BrowserNotifications.ModulePath);
        module.Setup<bool>("show", _ => true).SetResult(true);
        var notice = NotificationRules.For(Views.Update(UpdateStatus.RolledBack), UpdateStatus.RollingBack)!;

        await Services.GetRequiredService<BrowserNotifications>().ShowAsync(notice);

        var show = module.VerifyInvoke("show");
        Assert.Equal([notice.Title, notice.Body, notice.Tag, notice.Url], show.Arguments.Skip(1));
    }

    [Fact]
    public async Task BrowserNotifications_NoNotificationSupport_SaysUnsupported()
    {
        var module = JSInterop.SetupModule(BrowserNotifications.ModulePath);
        module.Setup<string?>("request", _ => true).SetResult("unsupported");
        module.Setup<string?>("permission", _ => true).SetException(new JSException("no Notification"));
        var notifications = Services.GetRequiredService<BrowserNotifications>();

        Assert.Equal("unsupported", await notifications.RequestPermissionAsync());
        Assert.Equal("unsupported", await notifications.PermissionAsync());
    }

    [Fact]
    public void BrowserNotifications_Clicked_OpensTheUpdatesPageButNoOtherSite()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var notifications = Services.GetRequiredService<BrowserNotifications>();

        notifications.Open("//evil.example.com/x");
        notifications.Open("https://evil.example.com/x");
        Assert.Equal(navigation.BaseUri, navigation.Uri);

        notifications.Open("/updates/www-data/prod/web/web-1");
        Assert.EndsWith("/updates/www-data/prod/web/web-1", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyboardShortcuts_UnknownTarget_IsTakenForTyping()
    {
        var shortcuts = Services.GetRequiredService<KeyboardShortcuts>();
        var pressed = new List<ShortcutCommand>();
        shortcuts.Pressed += pressed.Add;

        shortcuts.OnKey("t", "somewhere-new", false, false, false);
        shortcuts.OnKey("t", "control", false, false, false);

        Assert.Equal([ShortcutCommand.ToggleDark], pressed);
    }
}
