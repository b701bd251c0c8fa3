using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Rollout.Client.Components;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Client.Tests.Comfort;

/// <summary>p and r open the confirmation the buttons open; nothing is sent until it is confirmed.</summary>
public class UpdateControlsShortcutTests : ClientTest
{
    private Task Press(IRenderedComponent<UpdateControls> cut, string key) =>
        cut.InvokeAsync(() => Services.GetRequiredService<KeyboardShortcuts>().OnKey(key, "page", false, false, false));

    [Fact]
    public async Task P_OpensTheConfirmation_SendsOnlyOnceConfirmed()
    {
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        await Press(cut, "p");

        dialogs.WaitForAssertion(() => Assert.Contains("Pause www-data/prod/web#web-1?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(Dashboard.Sent);
        dialogs.Find("textarea").Input("keyboard pause");
        dialogs.WaitForAssertion(() => Assert.False(dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Pause update").HasAttribute("disabled")), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Pause update").Click());

        cut.WaitForAssertion(() => Assert.Equal(ControlCommand.Pause, Assert.Single(Dashboard.Sent).Command), Wait);
        Assert.Equal("keyboard pause", Dashboard.Sent[0].Request.Message);
    }

    [Fact]
    public async Task P_Cancelled_SendsNothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        await Press(cut, "p");
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("textarea")), Wait);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("textarea")), Wait);
        Assert.Empty(Dashboard.Sent);
    }

    [Fact]
    public async Task PTwice_OpensOneConfirmation()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        await Press(cut, "p");
        await Press(cut, "p");

        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("textarea")), Wait);
    }

    [Fact]
    public async Task R_WhileRolling_SaysWhyAndOpensNothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        await Press(cut, "r");

        snackbars.WaitForAssertion(() => Assert.Contains("Resume is not possible while the update is ROLLING_FORWARD", snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(dialogs.FindAll("textarea"));
    }

    [Fact]
    public async Task R_Paused_OpensTheResumeConfirmation()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollForwardPaused)));

        await Press(cut, "r");

        dialogs.WaitForAssertion(() => Assert.Contains("Resume www-data/prod/web#web-1?", dialogs.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(Dashboard.Sent);
    }

    [Fact]
    public async Task P_Viewer_SaysWhyAndOpensNothing()
    {
        Dashboard.User = new("vic", "Token", []);
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        await Press(cut, "p");

        snackbars.WaitForAssertion(() => Assert.Contains("vic is a viewer", snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(dialogs.FindAll("textarea"));
    }
}
