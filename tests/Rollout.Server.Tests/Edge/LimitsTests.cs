using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Options;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Edge;

public class LimitsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Api_OverBudget_Returns429WithRetryAfter()
    {
        using var app = new DashboardApp(("Dashboard:Limits:ApiBurst", "2"), ("Dashboard:Limits:ApiPerSecond", "1"));
        using var http = app.CreateHttp();

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++) statuses.Add(await http.GetAsync(new Uri("/api/updates", UriKind.Relative)).WaitAsync(Timeout));

        var refused = statuses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, statuses[0].StatusCode);
        statuses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task Api_NormalUse_IsNotThrottled()
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp();

        for (var i = 0; i < 20; i++)
        {
            using var response = await http.GetAsync(new Uri("/api/updates", UriKind.Relative)).WaitAsync(Timeout);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task HubSnapshots_OverBudget_ThrowTooManyRequests()
    {
        using var app = new DashboardApp(("Dashboard:Limits:SnapshotBurst", "3"), ("Dashboard:Limits:SnapshotsPerSecond", "1"));
        await using var client = await app.ConnectAsync().WaitAsync(Timeout);

        var ex = await Assert.ThrowsAsync<HubException>(async () =>
        {
            for (var i = 0; i < 50; i++)
                await client.Hub.InvokeAsync<InstanceDetail?>(nameof(IDashboardHub.GetInstanceDetail), "a/b/c#d", 0).WaitAsync(Timeout);
        });

        Assert.Matches("too many requests, retry in [0-9]+ s", ex.Message);
        Assert.Equal(HubConnectionState.Connected, client.Hub.State); // refused, not disconnected
    }

    [Fact]
    public async Task HubSnapshots_BrowserResnapshotting_IsNotThrottled()
    {
        using var app = new DashboardApp();
        await app.WaitUntilLiveAsync().WaitAsync(Timeout);
        await using var client = await app.ConnectAsync().WaitAsync(Timeout);
        await client.WaitUntil(s => s.Updates.Count > 0, "the scenario's update is listed"); // live comes before the first update starts

        // A burst of resnapshots, as after reconnects and "you fell behind" in quick succession.
        for (var i = 0; i < 10; i++)
        {
            var snapshot = await client.Hub.InvokeAsync<ListSnapshot>(nameof(IDashboardHub.SubscribeList)).WaitAsync(Timeout);
            Assert.NotEmpty(snapshot.Updates);
        }
    }

    [Fact]
    public async Task HubCommands_OverBudget_ThrowTooManyRequests()
    {
        using var app = new DashboardApp(("Dashboard:Limits:CommandBurst", "2"), ("Dashboard:Limits:CommandsPerMinute", "1"));
        await using var client = await app.ConnectAsync().WaitAsync(Timeout);
        var request = new CommandRequest("nope/nope/nope#1", "stop");

        var first = await client.Hub.InvokeAsync<ControlResult>(nameof(IDashboardHub.PauseUpdate), request).WaitAsync(Timeout);
        await client.Hub.InvokeAsync<ControlResult>(nameof(IDashboardHub.ResumeUpdate), request).WaitAsync(Timeout);
        var ex = await Assert.ThrowsAsync<HubException>(() => client.Hub.InvokeAsync<ControlResult>(nameof(IDashboardHub.AbortUpdate), request).WaitAsync(Timeout));

        Assert.NotEqual(ControlOutcome.Ok, first.Outcome);
        Assert.Matches("too many requests, retry in [0-9]+ s", ex.Message);
    }

    [Fact]
    public async Task HubConnections_OverCap_Returns429()
    {
        using var app = new DashboardApp(("Dashboard:Limits:MaxHubConnections", "2"));

        await using var first = await RawHubClient.ConnectAsync(app.BaseAddress, DashboardHubRoute.Path).WaitAsync(Timeout);
        await using var second = await RawHubClient.ConnectAsync(app.BaseAddress, DashboardHubRoute.Path).WaitAsync(Timeout);
        var third = await RawHubClient.UpgradeStatusAsync(app.BaseAddress, DashboardHubRoute.Path, null).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.TooManyRequests, third);
    }

    [Fact]
    public void Options_BadLimits_FailStartNamingEveryKey()
    {
        var keys = new[] { "SnapshotBurst", "SnapshotsPerSecond", "ApiBurst", "ApiPerSecond", "CommandBurst", "CommandsPerMinute", "MaxHubConnections" };

        var ex = Assert.ThrowsAny<Exception>(() => new DashboardApp(keys.Select(k => ($"Dashboard:Limits:{k}", "0")).ToArray()).Dispose());

        var message = ex.ToString();
        Assert.Contains(nameof(OptionsValidationException), message, StringComparison.Ordinal);
        foreach (var key in keys) Assert.Contains($"Dashboard:Limits:{key}", message, StringComparison.Ordinal);
    }
}
