using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Rollout.Contracts.Auth;
using Rollout.Emulator.Hosting;
using Rollout.Emulator.Tests.Support;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Emulator.Tests.Grpc;

public class ApiKeyTests
{
    private const string Primary = "primary-key-0123456789";
    private const string Secondary = "secondary-key-0123456789";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789")]
    [InlineData("")]
    public async Task Calls_MissingOrWrongKey_AreUnauthenticated(string? key)
    {
        await using var server = await EmulatorServer.StartAsync("mixed-executors");
        var client = Client(server, key);

        var control = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.PauseUpdateAsync(new Wire.ControlRequest { User = "mallory", Message = "x" }).ResponseAsync.WaitAsync(Timeout));
        using var status = client.SubscribeStatusUpdates(new Wire.SubscribeRequest());
        var statusStream = await Assert.ThrowsAsync<RpcException>(() => status.ResponseStream.MoveNext().WaitAsync(Timeout));
        using var updater = client.SubscribeUpdaterEvents(new Wire.SubscribeRequest());
        var updaterStream = await Assert.ThrowsAsync<RpcException>(() => updater.ResponseStream.MoveNext().WaitAsync(Timeout));

        Assert.Equal(StatusCode.Unauthenticated, control.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, statusStream.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, updaterStream.StatusCode);
    }

    [Fact]
    public async Task Calls_RightKey_AreServed()
    {
        await using var server = await EmulatorServer.StartAsync("mixed-executors");

        using var status = server.Client.SubscribeStatusUpdates(new Wire.SubscribeRequest());
        Assert.True(await status.ResponseStream.MoveNext().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Rotation_SecondaryAccepted_ThenPrimarySwapped()
    {
        // Rotating: the new key is added as secondary, the dashboard moves to it, then the old one goes.
        await using (var both = await EmulatorServer.StartAsync("mixed-executors", ("Emulator:ApiKeys:0", Primary), ("Emulator:ApiKeys:1", Secondary)))
        {
            await ListAsync(Client(both, Primary));
            await ListAsync(Client(both, Secondary));
        }

        await using var rotated = await EmulatorServer.StartAsync("mixed-executors", ("Emulator:ApiKeys:0", Secondary));
        await ListAsync(Client(rotated, Secondary));
        var old = await Assert.ThrowsAsync<RpcException>(() => ListAsync(Client(rotated, Primary)));
        Assert.Equal(StatusCode.Unauthenticated, old.StatusCode);
    }

    [Fact]
    public async Task Options_NoKeyAndNoOptIn_RefuseToStart()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await (await EmulatorHost.StartAsync(0, [KeyValuePair.Create("Emulator:Scenarios", (string?)"mixed-executors")]).WaitAsync(Timeout)).DisposeAsync());

        Assert.Contains("Emulator:ApiKeys", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("Emulator:AllowAnonymous", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_ShortKeyOrTooManyKeys_RefuseToStart()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () => await (await EmulatorServer.StartAsync(
            "mixed-executors", ("Emulator:ApiKeys:0", "short"), ("Emulator:ApiKeys:1", Primary), ("Emulator:ApiKeys:2", Secondary))).DisposeAsync());

        Assert.IsType<OptionsValidationException>(ex.GetBaseException(), exactMatch: false);
        Assert.Contains("at least 16", ex.ToString(), StringComparison.Ordinal);
        Assert.Contains("at most 2", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllowAnonymous_ExplicitOptIn_ServesCallsWithoutKey()
    {
        await using var server = await EmulatorServer.StartAsync("mixed-executors", ("Emulator:AllowAnonymous", "true"));

        await ListAsync(new Wire.Scheduler.SchedulerClient(server.Channel));
    }

    private static Wire.Scheduler.SchedulerClient Client(EmulatorServer server, string? key) =>
        new(key is null ? server.Channel.CreateCallInvoker() : server.Channel.Intercept(new UpstreamKeyCallInterceptor(key)));

    private static async Task ListAsync(Wire.Scheduler.SchedulerClient client) =>
        await client.ListUpdatesAsync(new Wire.ListUpdatesRequest()).ResponseAsync.WaitAsync(Timeout);
}
