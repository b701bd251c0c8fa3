using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Fleet;
using Rollout.Domain.Inference;
using Rollout.Server.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Fleet;

/// <summary>The fleet view through the hub (MessagePack, as browsers speak) and the JSON API, from the embedded emulator.</summary>
public sealed class FleetEndpointTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetFleet_OverTheHub_CountsTheEmulatorsHostsAndItsAdoptionSample()
    {
        using var app = new DashboardApp();
        await using var browser = await app.ConnectAsync();
        await browser.WaitUntil(s => s.Updates.Any(u => u.HealthGatedCount + u.WatchSecsCount >= 2), "instances with a gating mode");

        app.Services.GetRequiredService<FleetService>().Sample();
        var fleet = await browser.Hub.InvokeAsync<FleetView>(nameof(IDashboardHub.GetFleet)).WaitAsync(Timeout);

        Assert.True(fleet.Totals.Hosts > 0);
        Assert.Equal(fleet.Totals.Hosts, fleet.HostGroups.Sum(g => g.Hosts));
        Assert.Equal(fleet.Totals.HostsVCurrent, fleet.HostGroups.Where(g => g.Executor == ExecutorVersion.VCurrent).Sum(g => g.Hosts));
        Assert.True(fleet.Totals.Jobs >= 1);
        Assert.True(fleet.Totals.HealthGated + fleet.Totals.WatchSecs >= 2);
        var sample = fleet.Adoption[^1];
        Assert.True(sample.Hosts > 0);
        Assert.True(sample.HealthGated + sample.WatchSecs >= 2);
        Assert.All(fleet.HostGroups, g => Assert.NotEmpty(g.SampleHosts));
    }

    [Fact]
    public async Task ApiFleet_SignedIn_ReturnsTheSameShapeAsJson()
    {
        using var app = new DashboardApp();
        await using var browser = await app.ConnectAsync();
        await browser.WaitUntil(s => s.Updates.Any(u => u.UpdatedCount >= 1), "some progress");
        using var http = app.CreateHttp();

        var fleet = await http.GetFromJsonAsync<JsonElement>("/api/fleet").WaitAsync(Timeout);

        var totals = fleet.GetProperty("totals");
        Assert.True(totals.GetProperty("hosts").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Array, fleet.GetProperty("hostGroups").ValueKind);
        Assert.Equal(JsonValueKind.Array, fleet.GetProperty("needsAttention").ValueKind);
        Assert.Equal(JsonValueKind.Array, fleet.GetProperty("watchSecsJobs").ValueKind);
        Assert.Equal(JsonValueKind.Array, fleet.GetProperty("adoption").ValueKind);
    }
}
