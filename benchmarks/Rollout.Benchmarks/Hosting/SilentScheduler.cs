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

namespace Rollout.Benchmarks.Hosting;

/// <summary>
/// An upstream that accepts both subscriptions and then says nothing, on a loopback h2c port. The
/// dashboard sees a live scheduler, so a benchmark can drive its model directly: with no upstream at
/// all the connection would read "reconnecting", and every event would then also push a connection
/// change to every view.
/// </summary>
internal sealed class SilentScheduler : Wire.Scheduler.SchedulerBase, IAsyncDisposable
{
    private WebApplication? _app;

    public Uri Address { get; private set; } = default!;

    public static async Task<SilentScheduler> StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = new SilentScheduler();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(scheduler);
        var app = builder.Build();
        app.MapGrpcService<SilentScheduler>();
        await app.StartAsync(cancellationToken);
        scheduler._app = app;
        scheduler.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return scheduler;
    }

    public override Task SubscribeStatusUpdates(Wire.SubscribeRequest request, IServerStreamWriter<Wire.StatusStreamMessage> responseStream, ServerCallContext context) =>
        HoldOpenAsync(context);

    public override Task SubscribeUpdaterEvents(Wire.SubscribeRequest request, IServerStreamWriter<Wire.UpdaterStreamMessage> responseStream, ServerCallContext context) =>
        HoldOpenAsync(context);

    /// <summary>Headers first: the subscriber counts a stream as connected once they arrive.</summary>
    private static async Task HoldOpenAsync(ServerCallContext context)
    {
        await context.WriteResponseHeadersAsync([]);
        await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
