using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Audit;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Security;

/// <summary>
/// Operator rights through the real hub: OpenID Connect mode with a script token (a service account
/// whose rights come from grants by name) stands in for a provider's user, as no provider is reachable here.
/// </summary>
public class PermissionIntegrationTests
{
    private const string Api = "payments/prod/api#api-1";
    private const string Web = "www-data/prod/web#web-1";
    private static readonly UpdateKey ApiKey = new(new JobKey("payments", "prod", "api"), "api-1");

    private static DashboardApp App(string user, params (string Key, string Value)[] grants) => new(
    [
        ("Emulator:Scenarios", "mixed-executors,healthy-rollout"),
        ("Dashboard:Auth:Mode", "OpenIdConnect"),
        ("Dashboard:Auth:Authority", "http://127.0.0.1:9"), // never contacted: no browser challenge happens here
        ("Dashboard:Auth:ClientId", "rollout-dashboard"),
        ("Dashboard:Auth:ClientSecret", "not-a-real-secret"),
        ("Dashboard:Auth:UserName", user),
        .. grants,
    ]);

    [Fact]
    public async Task Pause_Viewer_DeniedAndTheSchedulerNeverHearsOfIt()
    {
        using var app = App("victor", ("Dashboard:Auth:Operators:0:User", "olga"));
        await using var client = await app.ConnectAsync(Api);
        await client.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollingForward, "rolling");

        var result = await client.SendAsync(ControlCommand.Pause, new CommandRequest(Api, "let me try"));

        Assert.Equal(ControlOutcome.Denied, result.Outcome);
        Assert.Contains("victor may view payments/prod/api but not pause it", result.Reason, StringComparison.Ordinal);
        Assert.Equal(UpdateStatus.RollingForward, app.Engine.StatusOf(ApiKey));
        Assert.DoesNotContain(app.Engine.GetUpdateDetails(ApiKey)!.UpdateEvents, e => e.User == "victor" || e.Message == "let me try");
        var audited = Assert.Single(app.Services.GetRequiredService<AuditTrail>().List(Api));
        Assert.Equal(("victor", ControlOutcome.Denied, "let me try"), (audited.User, audited.Result.Outcome, audited.Message));
    }

    [Fact]
    public async Task WhoAmI_Viewer_SaysViewer()
    {
        using var app = App("victor");
        await using var client = await app.ConnectAsync();

        var me = await client.Hub.InvokeAsync<SignedInUser>(nameof(IDashboardHub.WhoAmI)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(("victor", "OpenIdConnect", "viewer"), (me.Name, me.Mode, me.Role));
    }

    [Fact]
    public async Task Pause_OperatorScopedToPayments_PausesPaymentsButNotAnotherJob()
    {
        using var app = App("olga", ("Dashboard:Auth:Operators:0:User", "olga"), ("Dashboard:Auth:Operators:0:Jobs:0", "payments/*/*"));
        await using var client = await app.ConnectAsync(DashboardViews.List);
        await client.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollingForward && s.Update(Web)?.Status == UpdateStatus.RollingForward, "both rolling");

        var payments = await client.SendAsync(ControlCommand.Pause, new CommandRequest(Api, "canary looks off"));
        var web = await client.SendAsync(ControlCommand.Pause, new CommandRequest(Web, "canary looks off"));

        Assert.Equal(ControlOutcome.Ok, payments.Outcome);
        Assert.Equal(ControlOutcome.Denied, web.Outcome);
        var webKey = new UpdateKey(new JobKey("www-data", "prod", "web"), "web-1");
        Assert.Equal(UpdateStatus.RollForwardPaused, app.Engine.StatusOf(ApiKey));
        Assert.Contains(app.Engine.GetUpdateDetails(ApiKey)!.UpdateEvents, e => e.User == "olga" && e.Message == "canary looks off");
        Assert.DoesNotContain(app.Engine.GetUpdateDetails(webKey)!.UpdateEvents, e => e.User == "olga");
    }
}
