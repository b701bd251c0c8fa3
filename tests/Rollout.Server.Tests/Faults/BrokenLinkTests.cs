using Microsoft.Extensions.DependencyInjection;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// The real emulator behind a fault proxy, rolling out while the link is broken (RST or FIN) or
/// slow: the dashboard resumes from its position (no new snapshot), and ends up showing exactly what
/// a dashboard reading the upstream afresh shows: nothing lost, nothing invented.
/// </summary>
public class BrokenLinkTests
{
    private const string Api = "payments/prod/api#api-1";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LinkBrokenMidStream_ResumesFromItsPosition_NothingLostOrInvented(bool reset)
    {
        var port = ExternalEmulator.FreePort();
        await using var emulator = await ExternalEmulator.StartAsync(port, "mixed-executors", speed: 20);
        await using var proxy = new FaultProxy(new Uri($"http://127.0.0.1:{port}"));
        using var app = new DashboardApp(("Upstream:Address", proxy.Address.ToString()), ("Upstream:ApiKey", ExternalEmulator.Key));
        await using var client = await app.ConnectAsync(Api);

        await client.WaitUntil(s => s.Update(Api)?.UpdatedCount >= 4, "progress");
        Break(proxy, reset);
        await client.WaitUntil(s => s.Update(Api)?.UpdatedCount >= 12 && s.Connection.State == UpstreamState.Live, "progress after the first break");
        Break(proxy, reset);
        await client.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RolledForward && s.Connection.State == UpstreamState.Live,
            "the update finished", TimeSpan.FromSeconds(90));

        var connection = app.Services.GetRequiredService<DashboardModel>().Connection;
        Assert.Equal(2, connection.Snapshots); // the first of each stream: every break was resumed, not resnapshotted
        Assert.True(connection.Reconnects >= 2, $"{connection.Reconnects} reconnects");
        Assert.Equal(0, connection.RejectedEvents);
        Assert.Equal(0, connection.BadMessages);
        await AssertSameAsAFreshReadAsync(port, client);
    }

    [Fact]
    public async Task SlowLink_LatencyAndSlowBytes_NothingLostOrInvented()
    {
        var port = ExternalEmulator.FreePort();
        await using var emulator = await ExternalEmulator.StartAsync(port, "mixed-executors", speed: 20);
        await using var proxy = new FaultProxy(new Uri($"http://127.0.0.1:{port}"))
        {
            Latency = TimeSpan.FromMilliseconds(40),
            BytesPerSecond = 50_000,
        };
        using var app = new DashboardApp(("Upstream:Address", proxy.Address.ToString()), ("Upstream:ApiKey", ExternalEmulator.Key));
        await using var client = await app.ConnectAsync(Api);

        await client.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RolledForward, "the update finished", TimeSpan.FromSeconds(90));

        var connection = app.Services.GetRequiredService<DashboardModel>().Connection;
        Assert.Equal((2, 0L, 0L), (connection.Snapshots, connection.Reconnects, connection.RejectedEvents)); // slow is not dead
        await AssertSameAsAFreshReadAsync(port, client);
    }

    private static void Break(FaultProxy proxy, bool reset)
    {
        if (reset) proxy.Reset();
        else proxy.Cut();
    }

    /// <summary>What the browser shows equals what a dashboard connected directly, afterwards, shows.</summary>
    private static async Task AssertSameAsAFreshReadAsync(int port, TestBrowser client)
    {
        using var truth = new DashboardApp(("Upstream:Address", $"http://127.0.0.1:{port}"), ("Upstream:ApiKey", ExternalEmulator.Key));
        await using var fresh = await truth.ConnectAsync(Api);
        await fresh.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RolledForward && s.Instances.Count == 20, "a fresh read");

        Assert.Equal(await fresh.ReadAsync(Shown), await client.ReadAsync(Shown));
    }

    private static string Shown(DashboardStore store)
    {
        var u = store.Update(Api)!;
        var header = $"{u.Status} {u.InstanceCount} updated={u.UpdatedCount} failed={u.FailedCount}";
        var rows = store.Instances.Select(i => $"{i.InstanceId} {i.TaskId} {i.TaskStatus} {i.UpdateAction} {i.ExecutorVersion} {i.GatingMode}");
        var history = store.History.Select(h => $"{h.Timestamp:O} {h.Status} {h.User} {h.Message}");
        return string.Join("\n", [header, .. rows, .. history]);
    }
}
