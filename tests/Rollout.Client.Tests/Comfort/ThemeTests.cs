using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using Rollout.Client.Components;
using Rollout.Client.Layout;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;

namespace Rollout.Client.Tests.Comfort;

/// <summary>Dark mode: chosen in the app bar, toggled with t, remembered, and shown to the page's own styles.</summary>
public class ThemeTests : ClientTest
{
    private OperatorPreferences Preferences => Services.GetRequiredService<OperatorPreferences>();

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "the page"))));

    private static bool ProviderIsDark(IRenderedComponent<MainLayout> cut) => cut.FindComponent<MudThemeProvider>().Instance.GetState(x => x.IsDarkMode);

    [Fact]
    public async Task ThemeMenu_DarkChosen_ShowsAndRemembersIt()
    {
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<ThemeMenu>();
        Assert.Equal("Theme: follow the system", cut.Find("button").GetAttribute("aria-label"));

        await cut.InvokeAsync(() => cut.Find("button").Click());
        popovers.WaitForAssertion(() => Assert.Equal(3, popovers.FindAll("[data-theme-mode]").Count), Wait);
        await popovers.InvokeAsync(() => popovers.Find("[data-theme-mode=dark]").Click());

        cut.WaitForAssertion(() => Assert.Equal("Theme: dark", cut.Find("button").GetAttribute("aria-label")), Wait);
        Assert.Equal("dark", Browser.Stored[OperatorPreferences.ThemeKey]);
        Assert.True(Preferences.IsDark);
    }

    [Fact]
    public async Task Layout_NothingChosenOnADarkSystem_IsDark()
    {
        Browser.PrefersDark = true;
        await Preferences.LoadAsync();

        var cut = RenderLayout();

        cut.WaitForAssertion(() => Assert.True(Browser.ShownDark), Wait);
        Assert.True(ProviderIsDark(cut));
    }

    [Fact]
    public async Task Layout_TPressed_TogglesDarkAndBack_EachShownAndRemembered()
    {
        var cut = RenderLayout();
        cut.WaitForAssertion(() => Assert.False(Browser.ShownDark), Wait);
        var shortcuts = Services.GetRequiredService<KeyboardShortcuts>();

        await cut.InvokeAsync(() => shortcuts.OnKey("t", "page", false, false, false));
        cut.WaitForAssertion(() => Assert.True(Browser.ShownDark), Wait);
        Assert.True(ProviderIsDark(cut));
        Assert.Equal("dark", Browser.Stored[OperatorPreferences.ThemeKey]);

        await cut.InvokeAsync(() => shortcuts.OnKey("t", "page", false, false, false));
        cut.WaitForAssertion(() => Assert.False(Browser.ShownDark), Wait);
        Assert.False(ProviderIsDark(cut));
        Assert.Equal("light", Browser.Stored[OperatorPreferences.ThemeKey]);
    }

    [Fact]
    public async Task Layout_TTypedInAField_ChangesNothing()
    {
        var cut = RenderLayout();
        cut.WaitForAssertion(() => Assert.False(Browser.ShownDark), Wait);

        await cut.InvokeAsync(() => Services.GetRequiredService<KeyboardShortcuts>().OnKey("t", "text", false, false, false));

        Assert.False(ProviderIsDark(cut));
        Assert.Empty(Browser.Stored);
    }

    [Fact]
    public async Task Layout_SystemTurnsDark_FollowedWhileNothingIsChosen()
    {
        var cut = RenderLayout();
        cut.WaitForAssertion(() => Assert.False(Browser.ShownDark), Wait);

        await cut.InvokeAsync(() => cut.FindComponent<MudThemeProvider>().Instance.SystemDarkModeChangedAsync(true));

        cut.WaitForAssertion(() => Assert.True(Browser.ShownDark), Wait);
        Assert.True(ProviderIsDark(cut));
    }
}
