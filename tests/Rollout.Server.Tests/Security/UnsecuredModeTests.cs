using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Security;

public class UnsecuredModeTests
{
    [Fact]
    public void Start_UnsecuredOnNonLoopbackAddress_RefusedSayingHowToFix()
    {
        var ex = Assert.ThrowsAny<Exception>(() =>
        {
            using var app = new DashboardApp(("Dashboard:Auth:Mode", "Unsecured"), ("urls", "http://0.0.0.0:0"));
        });

        var message = string.Join(" | ", Flatten(ex).OfType<OptionsValidationException>().SelectMany(v => v.Failures));
        Assert.Contains("Dashboard:Auth:Mode=Unsecured", message, StringComparison.Ordinal);
        Assert.Contains("--Dashboard:Auth:Mode=Token", message, StringComparison.Ordinal);
        Assert.Contains("bind 127.0.0.1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_BadAuthSettings_NamesEveryKey()
    {
        var ex = Assert.ThrowsAny<Exception>(() =>
        {
            using var app = new DashboardApp(
                ("Dashboard:Auth:Mode", "OpenIdConnect"), ("Dashboard:Auth:Authority", "ftp://idp"), ("Dashboard:Auth:Token", "short"),
                ("Dashboard:Auth:Operators:0:Jobs:0", "payments/*"));
        });

        var message = string.Join(" | ", Flatten(ex).OfType<OptionsValidationException>().SelectMany(v => v.Failures));
        foreach (var key in new[] { "Dashboard:Auth:Authority", "Dashboard:Auth:ClientId", "Dashboard:Auth:ClientSecret", "Dashboard:Auth:Token", "Dashboard:Auth:Operators:0 ", "Dashboard:Auth:Operators:0:Jobs:0" })
        {
            Assert.Contains(key, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Hub_UnsecuredOnLoopback_EveryoneIsTheAnonymousOperator()
    {
        using var app = new DashboardApp(("Dashboard:Auth:Mode", "Unsecured"), ("Dashboard:Auth:UserName", ""));
        await using var client = await app.ConnectAsync("payments/prod/api#api-1", token: null);
        await client.WaitUntil(s => s.Update("payments/prod/api#api-1")?.Status == Domain.Model.UpdateStatus.RollingForward, "rolling");

        var me = await client.Hub.InvokeAsync<SignedInUser>(nameof(IDashboardHub.WhoAmI)).WaitAsync(TimeSpan.FromSeconds(30));
        var result = await client.SendAsync(ControlCommand.Pause, new CommandRequest("payments/prod/api#api-1", "demo"));

        Assert.Equal(("anonymous", SignedInUser.Unsecured, "operator"), (me.Name, me.Mode, me.Role));
        Assert.Equal(ControlOutcome.Ok, result.Outcome);
        await client.WaitUntil(s => s.History.Count > 0 && s.History[^1].User == "anonymous", "the pause under the anonymous name");
    }

    private static IEnumerable<Exception> Flatten(Exception ex) =>
        ex is AggregateException aggregate
            ? aggregate.InnerExceptions.SelectMany(Flatten)
            : ex.InnerException is null ? [ex] : new[] { ex }.Concat(Flatten(ex.InnerException));
}
