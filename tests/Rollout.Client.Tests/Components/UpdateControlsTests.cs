using Bunit;
using MudBlazor;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Client.Tests.Components;

public class UpdateControlsTests : ClientTest
{
    private static bool Enabled(IRenderedComponent<UpdateControls> cut, string text) =>
        !cut.FindAll("button").Single(b => b.TextContent.Trim() == text).HasAttribute("disabled");

    [Theory]
    [InlineData(UpdateStatus.RollingForward, true, false, true)]
    [InlineData(UpdateStatus.RollingBack, true, false, true)]
    [InlineData(UpdateStatus.RollForwardPaused, false, true, true)]
    [InlineData(UpdateStatus.RollBackPaused, false, true, true)]
    [InlineData(UpdateStatus.RollForwardAwaitingPulse, true, false, true)]
    [InlineData(UpdateStatus.RolledForward, false, false, false)]
    [InlineData(UpdateStatus.RolledBack, false, false, false)]
    [InlineData(UpdateStatus.Aborted, false, false, false)]
    [InlineData(UpdateStatus.Failed, false, false, false)]
    public void Render_EachStatus_EnablesWhatTheStateMachineAllows(UpdateStatus status, bool pause, bool resume, bool abort)
    {
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(status)));

        Assert.Equal((pause, resume, abort), (Enabled(cut, "Pause"), Enabled(cut, "Resume"), Enabled(cut, "Abort")));
    }

    [Fact]
    public async Task Pause_ConfirmedWithMessage_SendsCommandAndReportsResult()
    {
        var provider = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Pause").Click());
        provider.WaitForAssertion(() => Assert.Contains("Pause www-data/prod/web#web-1?", provider.Markup, StringComparison.Ordinal), Wait);

        var confirm = provider.FindAll("button").Single(b => b.TextContent.Trim() == "Pause update");
        Assert.True(confirm.HasAttribute("disabled"), "no message yet");
        provider.Find("textarea").Input("latency spike in eu-west");
        provider.WaitForAssertion(() => Assert.False(provider.FindAll("button").Single(b => b.TextContent.Trim() == "Pause update").HasAttribute("disabled")), Wait);
        await provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Pause update").Click());

        cut.WaitForAssertion(() => Assert.Single(Dashboard.Sent), Wait);
        var (command, request) = Dashboard.Sent[0];
        Assert.Equal(ControlCommand.Pause, command);
        Assert.Equal(("www-data/prod/web#web-1", "latency spike in eu-west"), (request.UpdateKey, request.Message));
        snackbars.WaitForAssertion(() => Assert.Contains("Pause: OK, update is ROLL_FORWARD_PAUSED", snackbars.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Abort_Rejected_ReportsTheTypedReason()
    {
        Dashboard.NextResult = ControlResult.Invalid("update is ROLLED_FORWARD; it can no longer be steered");
        var provider = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Abort").Click());
        provider.WaitForAssertion(() => provider.Find("textarea"), Wait);
        provider.Find("textarea").Input("stop it");
        provider.WaitForAssertion(() => Assert.False(provider.FindAll("button").Single(b => b.TextContent.Trim() == "Abort update").HasAttribute("disabled")), Wait);
        await provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Abort update").Click());

        snackbars.WaitForAssertion(() => Assert.Contains("INVALID_REQUEST: update is ROLLED_FORWARD", snackbars.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Pause_NoAnswer_ReportsOutcomeUnknownNotNothingChanged()
    {
        Dashboard.NextResult = ControlResult.Unknown("no answer within 10 s");
        var provider = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Pause").Click());
        provider.WaitForAssertion(() => provider.Find("textarea"), Wait);
        provider.Find("textarea").Input("hold");
        provider.WaitForAssertion(() => Assert.False(provider.FindAll("button").Single(b => b.TextContent.Trim() == "Pause update").HasAttribute("disabled")), Wait);
        await provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Pause update").Click());

        snackbars.WaitForAssertion(() => Assert.Contains("Pause: outcome unknown: the scheduler may have applied it; watch the history (no answer within 10 s)", snackbars.Markup, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("nothing was changed", snackbars.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("unavailable", snackbars.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_SendsNothing()
    {
        var provider = Render<MudDialogProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollForwardPaused)));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Resume").Click());
        provider.WaitForAssertion(() => provider.Find("textarea"), Wait);
        await provider.InvokeAsync(() => provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());

        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll("textarea")), Wait);
        Assert.Empty(Dashboard.Sent);
    }

    [Fact]
    public void Render_Viewer_DisablesEveryButtonAndSaysWhy()
    {
        Dashboard.User = new SignedInUser("victor", "OpenIdConnect", []);

        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        foreach (var button in cut.FindAll("button"))
        {
            Assert.True(button.HasAttribute("disabled"), button.TextContent);
            Assert.Equal("true", button.GetAttribute("aria-disabled"));
            Assert.Contains("victor is a viewer of www-data/prod/web", button.GetAttribute("aria-description"), StringComparison.Ordinal);
        }

        Assert.Contains("needs the operator role for this job", cut.Find("[data-testid=controls-denied]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OperatorOfOtherJobs_DisablesButtons()
    {
        Dashboard.User = new SignedInUser("olga", "OpenIdConnect", ["payments/*/*"]);

        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        Assert.False(Enabled(cut, "Pause"));
        Assert.Contains("olga is a viewer of www-data/prod/web", cut.Find("[data-testid=controls-denied]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OperatorOfThisJob_EnablesWithoutReason()
    {
        Dashboard.User = new SignedInUser("olga", "OpenIdConnect", ["www-data/*/web"]);

        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        Assert.True(Enabled(cut, "Pause"));
        Assert.Equal("false", cut.FindAll("button").Single(b => b.TextContent.Trim() == "Pause").GetAttribute("aria-disabled"));
        Assert.Empty(cut.FindAll("[data-testid=controls-denied]"));
    }

    [Fact]
    public void Render_IdentityNotYetKnown_DisablesUntilTheServerAnswers()
    {
        Dashboard.User = null;
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));
        Assert.False(Enabled(cut, "Pause"));

        Dashboard.User = new SignedInUser("dana", "Token", ["*/*/*"]);
        Dashboard.RaiseStateChanged();

        cut.WaitForAssertion(() => Assert.True(Enabled(cut, "Pause")), Wait);
    }

    [Fact]
    public async Task Dialog_HasNoOperatorField()
    {
        var provider = Render<MudDialogProvider>();
        var cut = Render<UpdateControls>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Pause").Click());

        provider.WaitForAssertion(() => provider.Find("textarea"), Wait);
        Assert.DoesNotContain("Operator", provider.Markup, StringComparison.Ordinal);
        Assert.Single(provider.FindAll("textarea, input"));
    }
}
