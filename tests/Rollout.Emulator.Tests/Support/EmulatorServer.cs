using System.Net;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Configuration.AddInMemoryCollection(
            new[] { ("Emulator:Scenarios", scenarios) }.Concat(settings).Select(s => new KeyValuePair<string, string?>(s.Item1, s.Item2)));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddRolloutEmulator(builder.Configuration);
        var app = builder.Build();
        app.MapRolloutEmulator();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new EmulatorServer(app, time, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }
}
