using Microsoft.AspNetCore.Components;
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
        var store = new DashboardStore();
        await using var browser = new DashboardConnection(new FixedNavigation(app.BaseAddress), store, new DashboardClock(TimeProvider.System),
            () => Task.FromResult<string?>(DashboardApp.Token));
        await browser.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(DashboardApp.UserName, browser.User?.Name); // the browser's code learns who it is from the hub
        await browser.WatchListAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await WaitUntil(() => store.Update("payments/prod/api#api-1")?.UpdatedCount >= 4, "progress from the first upstream");
        var epoch = store.Epoch;

        await first.DisposeAsync();
        await WaitUntil(() => store.Connection.State is UpstreamState.Reconnecting or UpstreamState.Lost, "the dashboard notices");
        await WaitUntil(() => store.Connection.State == UpstreamState.Lost, "reported lost after Dashboard:LostAfterSeconds");

        await using var second = await ExternalEmulator.StartAsync(port, "healthy-rollout", speed: 20);
        await WaitUntil(() => store.Update("www-data/prod/web#web-1") is not null && store.Connection.State == UpstreamState.Live,
            "the restarted upstream's state");

        Assert.NotEqual(epoch, store.Epoch);
        Assert.Null(store.Update("payments/prod/api#api-1"));
        Assert.Equal(["www-data/prod/web#web-1"], store.Updates.Select(u => u.Key));
        Assert.Equal(HubState.Connected, browser.State);
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(50);
        }
    }

    private sealed class FixedNavigation : NavigationManager
    {
        public FixedNavigation(Uri baseAddress)
        {
            var root = baseAddress.ToString().TrimEnd('/') + "/";
            Initialize(root, root);
        }
    }
}
