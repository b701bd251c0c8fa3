using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// A scheduler that streams exactly the messages a test scripts, good or bad, over real gRPC:
/// for checking how the dashboard copes with what a real upstream might send.
/// </summary>
internal sealed class ScriptedScheduler : Wire.Scheduler.SchedulerBase, IAsyncDisposable
{
    private WebApplication? _app;

    public List<Wire.StatusStreamMessage> StatusScript { get; } = [];

    public List<Wire.UpdaterStreamMessage> UpdaterScript { get; } = [];

    public Uri Address { get; private set; } = default!;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _app.MapGrpcService<ScriptedScheduler>();
        await _app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public override async Task SubscribeStatusUpdates(Wire.SubscribeRequest request, IServerStreamWriter<Wire.StatusStreamMessage> responseStream, ServerCallContext context)
    {
        foreach (var message in StatusScript) await responseStream.WriteAsync(message);
        await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public override async Task SubscribeUpdaterEvents(Wire.SubscribeRequest request, IServerStreamWriter<Wire.UpdaterStreamMessage> responseStream, ServerCallContext context)
    {
        foreach (var message in UpdaterScript) await responseStream.WriteAsync(message);
        await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }
}
