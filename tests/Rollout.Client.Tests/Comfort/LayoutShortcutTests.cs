using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Client.Layout;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;

namespace Rollout.Client.Tests.Comfort;

/// <summary>The shortcuts that work on every page: the help overlay and going to the list; and the key listener's start.</summary>
public class LayoutShortcutTests : ClientTest
{
    private KeyboardShortcuts Shortcuts => Services.GetRequiredService<KeyboardShortcuts>();

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "the page"))));

    private Task Press(IRenderedComponent<MainLayout> cut, string key, string target = "page") =>
        cut.InvokeAsync(() => Shortcuts.OnKey(key, target, false, false, false));

    [Fact]
    public void Render_StartsTheKeyListenerWithTheClaimedKeys()
    {
        var module = JSInterop.SetupModule(KeyboardShortcuts.ModulePath);
        module.SetupVoid("start", _ => true).SetVoidResult();

        RenderLayout();

        var start = module.VerifyInvoke("start");
        Assert.Equal(ShortcutDispatcher.ClaimedKeys, start.Arguments[1]);
    }

    [Fact]
    public async Task QuestionMark_ShowsEveryShortcutInTheOverlay()
    {
        var cut = RenderLayout();

        await Press(cut, "?");

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label=Shortcuts]")), Wait);
        var rows = cut.FindAll("[aria-label=Shortcuts] tbody tr");
        Assert.Equal(ShortcutDispatcher.All.Count, rows.Count);
        Assert.Contains(rows, r => r.TextContent.Contains("g then l", StringComparison.Ordinal) && r.TextContent.Contains("Go to the updates list", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.TextContent.Contains("Esc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuestionMarkTwice_ShowsOneOverlay()
    {
        var cut = RenderLayout();

        await Press(cut, "?");
        await Press(cut, "?");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[aria-label=Shortcuts]")), Wait);
    }

    [Fact]
    public async Task KeyboardButton_ShowsTheOverlay()
    {
        var cut = RenderLayout();

        await cut.InvokeAsync(() => cut.Find("button[aria-label='Keyboard shortcuts']").Click());

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[aria-label=Shortcuts]")), Wait);
    }

    [Fact]
    public async Task GThenL_GoesToTheList()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/updates/www-data/prod/web/web-1?instance=3");
        var cut = RenderLayout();

        await Press(cut, "g");
        await Press(cut, "l");

        cut.WaitForAssertion(() => Assert.Equal(navigation.BaseUri, navigation.Uri), Wait);
    }

    [Fact]
    public async Task GThenF_GoesToTheFleet()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = RenderLayout();

        await Press(cut, "g");
        await Press(cut, "f");

        cut.WaitForAssertion(() => Assert.Equal(navigation.BaseUri + "fleet", navigation.Uri), Wait);
    }

    [Fact]
    public async Task GThenR_GoesToTheReplayPage()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = RenderLayout();

        await Press(cut, "g");
        await Press(cut, "r");

        cut.WaitForAssertion(() => Assert.Equal(navigation.BaseUri + "replay", navigation.Uri), Wait);
    }

    [Fact]
    public async Task GThenLWhileTyping_StaysOnThePage()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/updates/www-data/prod/web/web-1");
        var cut = RenderLayout();

        await Press(cut, "g", "text");
        await Press(cut, "l", "text");

        Assert.EndsWith("/updates/www-data/prod/web/web-1", navigation.Uri, StringComparison.Ordinal);
    }
}
