using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Hosting;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Emulator.Tests.Support;

/// <summary>The emulator served by real Kestrel on loopback (h2c), on virtual time the test drives.</summary>
internal sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app, FakeTimeProvider time, Uri address)
    {
        _app = app;
        Time = time;
        Address = address;
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = EmulatorServiceCollectionExtensions.MaxMessageBytes });
        Client = new Wire.Scheduler.SchedulerClient(Channel);
    }

    public FakeTimeProvider Time { get; }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public Wire.Scheduler.SchedulerClient Client { get; }

    public SchedulerEngine Engine => _app.Services.GetRequiredService<SchedulerEngine>();

    public static async Task<EmulatorServer> StartAsync(string scenarios, params (string Key, string Value)[] settings)
    {
        var time = new FakeTimeProvider(EngineHarness.Start);
        var app = await EmulatorHost.StartAsync(
            0, new[] { ("Emulator:Scenarios", scenarios) }.Concat(settings).Select(s => new KeyValuePair<string, string?>(s.Item1, s.Item2)), time)
            .WaitAsync(TimeSpan.FromSeconds(30));
        return new EmulatorServer(app, time, EmulatorHost.AddressOf(app));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }
}
