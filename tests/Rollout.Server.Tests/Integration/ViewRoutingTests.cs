using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Integration;

/// <summary>Each browser receives what it shows, and a browser that stops reading delays nobody. Real SignalR on loopback.</summary>
public class ViewRoutingTests
{
    private const string Api = "payments/prod/api#api-1";
    private const string Web = "www-data/prod/web#web-1";

    [Fact]
    public async Task Viewers_ReceiveOnlyTheirView()
    {
        using var app = new DashboardApp(("Emulator:Scenarios", "mixed-executors,healthy-rollout"));
        await using var list = await app.ConnectAsync();
        await using var api = await app.ConnectAsync(Api);

        await api.WaitUntil(s => s.Update(Api)?.UpdatedCount >= 6, "api progress");
        await list.WaitUntil(s => s.Update(Web)?.UpdatedCount >= 1 && s.Update(Api)?.UpdatedCount >= 6, "both updates in the list");

        Assert.All(list.Batches, b => Assert.Equal(DashboardViews.List, b.View));
        Assert.All(list.Batches, b => Assert.Empty(b.DecodeRows())); // list viewers never receive instances
        Assert.Contains(list.Batches, b => b.Updates.Any(u => u.Key == Web));
        Assert.All(api.Batches, b => Assert.Equal(Api, b.View));
        Assert.All(api.Batches, b => Assert.All(b.Updates, u => Assert.Equal(Api, u.Key))); // never the other update
        Assert.Empty(await list.ReadAsync(s => s.Instances.ToList()));
        Assert.Equal(20, await api.ReadAsync(s => s.Instances.Count));
    }

    [Fact]
    public async Task SlowViewer_DoesNotDelayAnother_IsToldToResnapshot_AndCatchesUp()
    {
        using var app = new DashboardApp(("Emulator:Scenarios", "healthy-rollout"), ("Dashboard:ViewerQueueBatches", "24"), ("Dashboard:StuckViewerSeconds", "300"));
        var model = app.Services.GetRequiredService<DashboardModel>();
        var key = new UpdateKey(new JobKey("load", "test", "big"), "u");
        var view = DashboardKeys.Of(key);
        const int Instances = 6000;
        const int Rounds = 60;
        await using (var list = await app.ConnectAsync())
        {
            // Only once the upstream's own snapshot is in: it replaces whatever the model held before.
            await list.WaitUntil(s => s.Update(Web) is not null && s.Connection.State == UpstreamState.Live, "the upstream is live");
        }

        model.ApplyUpdater(Events.Started(instances: Instances) with { Update = key });

        await using var slow = await RawHubClient.ConnectAsync(app.BaseAddress, DashboardHubRoute.Path);
        var subscribed = await slow.InvokeAsync(nameof(IDashboardHub.SubscribeUpdate), view);
        await slow.ReadUntilAsync(m => RawHubClient.IsCompletionOf(m, subscribed), Wait);
        await using var honest = await app.ConnectAsync(view);

        // While batches flow, "slow" reads 8 KiB every 200 ms (about 40 KB/s, a poor link): far behind the rest.
        slow.ReadPause = TimeSpan.FromMilliseconds(200);
        var resync = slow.ReadUntilAsync(m => RawHubClient.IsInvocationOf(m, nameof(IDashboardClient.Resync)), Wait);

        // Every round changes every instance: a few hundred kilobytes per batch for each viewer.
        for (var round = 1; round <= Rounds; round++)
        {
            for (var i = 0; i < Instances; i++)
            {
                model.ApplyStatus(Events.TaskUpdate(i, $"t{i}", TaskState.Starting, round, progress: new HealthCheckProgress(round, 0, round, 100, 100, 1))
                    with { Job = key.Job });
            }

            await Task.Delay(60); // about one flush per round
        }

        slow.ReadPause = null; // its link recovers
        await honest.WaitUntil(s => s.Instances.Count == Instances && s.Instances.All(i => i.Progress?.ConsecutiveSuccesses == Rounds),
            $"the honest viewer has every round (resyncs {honest.Resyncs}, snapshots {honest.Snapshots}, batches {honest.Batches.Count})", Wait);
        Assert.Equal(1, honest.Snapshots); // any missed batch would have forced a second snapshot
        Assert.Equal(0, honest.Resyncs);

        using var http = app.CreateHttp();
        var health = await http.GetFromJsonAsync<JsonElement>("/healthz");
        Assert.True(health.GetProperty("viewerResyncs").GetInt64() >= 1, health.ToString());

        // The slow viewer finds (after what was already in flight) the order to resnapshot; or, on a
        // loaded machine, its connection was dropped. Either way it lost what was queued for it, and a
        // fresh subscription has the latest state.
        var dropped = false;
        try
        {
            await resync;
        }
        catch (WebSocketException)
        {
            dropped = true;
        }

        var sent = honest.Batches.Count(b => b.View == view);
        Assert.True(slow.DeltasSeen < sent, $"its queued deltas were dropped: {slow.DeltasSeen} delivered of {sent}");
        await using var again = dropped ? await RawHubClient.ConnectAsync(app.BaseAddress, DashboardHubRoute.Path) : null;
        var reader = again ?? slow;
        var subscribedAgain = await reader.InvokeAsync(nameof(IDashboardHub.SubscribeUpdate), view);
        var snapshot = (await reader.ReadUntilAsync(m => RawHubClient.IsCompletionOf(m, subscribedAgain), Wait)).GetProperty("result");
        var rows = InstanceRowCodec.Decode(Convert.FromBase64String(snapshot.GetProperty("rows").GetString()!)); // JSON carries the packed rows as base64
        Assert.Equal(Instances, rows.Length);
        Assert.All(rows, i => Assert.Equal(Rounds, i.Progress?.ConsecutiveSuccesses));
    }

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
}
