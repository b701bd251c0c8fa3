using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Rollout.Emulator.Hosting;

namespace Rollout.Server.Tests.Support;

/// <summary>A scheduler emulator in its own host on a fixed loopback port: one that can be killed and restarted.</summary>
internal sealed class ExternalEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ExternalEmulator(WebApplication app) => _app = app;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ExternalEmulator> StartAsync(int port, string scenario, double speed)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Emulator:Scenarios"] = scenario,
            ["Emulator:Speed"] = speed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddRolloutEmulator(builder.Configuration);
        var app = builder.Build();
        app.MapRolloutEmulator();
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return new ExternalEmulator(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }
}
