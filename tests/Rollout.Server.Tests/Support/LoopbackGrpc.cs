using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rollout.Server.Tests.Support;

/// <summary>Hosts one test scheduler as a gRPC service on a loopback h2c port of its own: what every fake upstream shares.</summary>
internal static class LoopbackGrpc
{
    private static readonly TimeSpan StartStopTimeout = TimeSpan.FromSeconds(30);

    public static async Task<(WebApplication App, Uri Address)> StartAsync<TService>(TService service)
        where TService : class
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(service);
        var app = builder.Build();
        app.MapGrpcService<TService>();
        await app.StartAsync().WaitAsync(StartStopTimeout);
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()));
    }

    public static async ValueTask StopAsync(WebApplication? app)
    {
        if (app is null) return;

        // Streams that never end on their own would hold a graceful stop for the host's whole shutdown timeout; cut them after a moment.
        using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(graceful.Token).WaitAsync(StartStopTimeout);
        await app.DisposeAsync();
    }
}
