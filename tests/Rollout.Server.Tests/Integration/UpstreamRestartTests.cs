using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Integration;

public class UpstreamRestartTests
{
    [Fact]
    public async Task UpstreamKilledAndRestarted_ModelRecoversWithNothingStale()
    {
        var port = ExternalEmulator.FreePort();
        var first = await ExternalEmulator.StartAsync(port, "mixed-executors", speed: 20);
        using var app = new DashboardApp(("Upstream:Address", $"http://127.0.0.1:{port}"), ("Upstream:ApiKey", ExternalEmulator.Key));

        // The browser's own connection code, against the real server.
        await using var browser = new TestBrowser(app.BaseAddress);
        await browser.StartAsync();
        Assert.Equal(DashboardApp.UserName, browser.Connection.User?.Name); // the browser's code learns who it is from the hub
        await browser.WatchAsync(DashboardViews.List);
        await browser.WaitUntil(s => s.Update("payments/prod/api#api-1")?.UpdatedCount >= 4, "progress from the first upstream");
        var epoch = await browser.ReadAsync(s => s.Epoch);
        var newEpochsBefore = browser.Counts.NewEpochs;

        await first.DisposeAsync();
        await browser.WaitUntil(s => s.Connection.State is UpstreamState.Reconnecting or UpstreamState.Lost, "the dashboard notices");
        await browser.WaitUntil(s => s.Connection.State == UpstreamState.Lost, "reported lost after Dashboard:LostAfterSeconds");

        await using var second = await ExternalEmulator.StartAsync(port, "healthy-rollout", speed: 20);
        await browser.WaitUntil(s => s.Update("www-data/prod/web#web-1") is not null && s.Connection.State == UpstreamState.Live,
            "the restarted upstream's state");

        Assert.NotEqual(epoch, await browser.ReadAsync(s => s.Epoch));
        Assert.Null(await browser.ReadAsync(s => s.Update("payments/prod/api#api-1")));
        Assert.Equal(["www-data/prod/web#web-1"], await browser.ReadAsync(s => s.Updates.Select(u => u.Key).ToList()));
        Assert.Equal(HubState.Connected, browser.Connection.State);
        Assert.True(browser.Counts.NewEpochs > newEpochsBefore, $"the new epoch was counted: {browser.Counts}");
        Assert.Equal(0, browser.Counts.Reconnects); // the browser's own connection never dropped
    }
}
