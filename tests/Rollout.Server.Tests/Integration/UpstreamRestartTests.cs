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
        using var app = new DashboardApp(("Upstream:Address", $"http://127.0.0.1:{port}"));
        await using var client = await app.ConnectAsync();
        await client.WaitUntil(s => s.Update("payments/prod/api#api-1")?.UpdatedCount >= 4, "progress from the first upstream");
        var epoch = client.Store.Epoch;

        await first.DisposeAsync();
        await client.WaitUntil(s => s.Connection.State is UpstreamState.Reconnecting or UpstreamState.Lost, "the dashboard notices");
        await client.WaitUntil(s => s.Connection.State == UpstreamState.Lost, "reported lost after Dashboard:LostAfterSeconds");

        await using var second = await ExternalEmulator.StartAsync(port, "healthy-rollout", speed: 20);
        await client.WaitUntil(s => s.Update("www-data/prod/web#web-1") is not null && s.Connection.State == UpstreamState.Live,
            "the restarted upstream's state", TimeSpan.FromSeconds(60));

        Assert.NotEqual(epoch, client.Store.Epoch);
        Assert.Null(client.Store.Update("payments/prod/api#api-1"));
        Assert.Equal(["www-data/prod/web#web-1"], client.Store.Updates.Select(u => u.Key));
        Assert.Empty(client.Store.Instances("payments/prod/api#api-1"));
        Assert.True(client.Snapshots >= 2, "a new epoch makes the client fetch a snapshot");
    }
}
