using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Rollout.Contracts.Auth;
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
        Invoker = Channel.Intercept(new UpstreamKeyCallInterceptor(Key));
        Client = new Wire.Scheduler.SchedulerClient(Invoker);
    }

    /// <summary>The key this emulator accepts unless a test configures its own.</summary>
    public const string Key = "emulator-tests-primary-key";

    public FakeTimeProvider Time { get; }

    public Uri Address { get; }

    /// <summary>The bare channel: calls on it carry no key.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The channel with <see cref="Key"/> on every call.</summary>
    public CallInvoker Invoker { get; }

    public Wire.Scheduler.SchedulerClient Client { get; }

    public SchedulerEngine Engine => _app.Services.GetRequiredService<SchedulerEngine>();

    public static async Task<EmulatorServer> StartAsync(string scenarios, params (string Key, string Value)[] settings)
    {
        var time = new FakeTimeProvider(EngineHarness.Start);
        var app = await EmulatorHost.StartAsync(
            0, new[] { ("Emulator:Scenarios", scenarios) }.Concat(settings.Any(s => s.Key.StartsWith("Emulator:ApiKeys", StringComparison.Ordinal) || s.Key == "Emulator:AllowAnonymous") ? [] : [("Emulator:ApiKeys:0", Key)]).Concat(settings).Select(s => new KeyValuePair<string, string?>(s.Item1, s.Item2)), time)
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
