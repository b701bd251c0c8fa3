using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Hosting;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;
using Rollout.Server.Upstream;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Edge;

public class UpstreamKeyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task EmbeddedEmulator_CallWithoutTheProcessKey_IsUnauthenticated()
    {
        using var app = new DashboardApp();
        await app.WaitUntilLiveAsync().WaitAsync(Timeout); // the dashboard itself, holding the key, is in
        var address = await app.Services.GetRequiredService<EmbeddedEmulator>().Address.WaitAsync(Timeout);
        using var channel = GrpcChannel.ForAddress(address);
        var stranger = new Wire.Scheduler.SchedulerClient(channel);

        var control = await Assert.ThrowsAsync<RpcException>(async () =>
            await stranger.AbortUpdateAsync(new Wire.ControlRequest { User = "mallory", Message = "x" }).ResponseAsync.WaitAsync(Timeout));
        using var stream = stranger.SubscribeStatusUpdates(new Wire.SubscribeRequest());
        var subscribe = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext().WaitAsync(Timeout));

        Assert.Equal(StatusCode.Unauthenticated, control.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, subscribe.StatusCode);
    }

    [Fact]
    public async Task Dashboard_WrongUpstreamKey_ShowsWhyAndKeepsRetrying()
    {
        var port = ExternalEmulator.FreePort();
        await using var upstream = await ExternalEmulator.StartAsync(port, "mixed-executors", speed: 20);
        using var app = new DashboardApp(("Upstream:Address", $"http://127.0.0.1:{port}"), ("Upstream:ApiKey", "not-the-right-key-at-all"));
        var model = app.Services.GetRequiredService<DashboardModel>();

        await Poll.UntilAsync(() => model.Connection.Detail.Contains("Unauthenticated", StringComparison.Ordinal), Timeout,
            () => $"Unauthenticated; the connection reason is '{model.Connection.Detail}'");

        Assert.NotEqual(UpstreamState.Live, model.Connection.State);
        Assert.Contains("Upstream:ApiKey", model.Connection.Detail, StringComparison.Ordinal);
        var command = await app.Services.GetRequiredService<UpstreamControl>()
            .SendAsync(ControlCommand.Pause, new UpdateKey(new JobKey("a", "b", "c"), "d"), "alice", "x", CancellationToken.None).WaitAsync(Timeout);
        Assert.Equal(ControlOutcome.UpstreamUnavailable, command.Outcome);
        Assert.Contains("Unauthenticated", command.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_PlainHttpRemoteWithoutOptIn_FailsStart()
    {
        var ex = Assert.ThrowsAny<Exception>(() => new DashboardApp(("Upstream:Address", "http://scheduler.example:5081")).Dispose());

        Assert.Contains("Upstream:AllowInsecure", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_PlainHttpRemoteWithOptIn_Starts()
    {
        using var app = new DashboardApp(("Upstream:Address", "http://192.0.2.1:5081"), ("Upstream:AllowInsecure", "true"), ("Upstream:ApiKey", "a-long-enough-upstream-key"));

        Assert.NotNull(app.BaseAddress);
    }

    [Fact]
    public void Options_ShortUpstreamKey_FailsStart()
    {
        var ex = Assert.ThrowsAny<Exception>(() => new DashboardApp(("Upstream:Address", "http://127.0.0.1:1"), ("Upstream:ApiKey", "short")).Dispose());

        Assert.Contains("Upstream:ApiKey", ex.ToString(), StringComparison.Ordinal);
    }
}
