using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Rollout.Emulator.Hosting;

/// <summary>The emulator as its own small gRPC host on a loopback h2c port: embedded in a dashboard, or in tests.</summary>
public static class EmulatorHost
{
    /// <param name="port">0 picks a free port; read it back with <see cref="AddressOf"/>.</param>
    /// <param name="settings">Configuration keys such as "Emulator:Scenarios".</param>
    public static async Task<WebApplication> StartAsync(
        int port,
        IEnumerable<KeyValuePair<string, string?>> settings,
        TimeProvider? time = null,
        ILoggerFactory? loggers = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggers is not null) builder.Services.AddSingleton(loggers);
        if (time is not null) builder.Services.AddSingleton(time);
        builder.Configuration.AddInMemoryCollection(settings);

        // h2c needs an HTTP/2-only endpoint: without TLS there is no protocol negotiation.
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddRolloutEmulator(builder.Configuration);
        var app = builder.Build();
        app.MapRolloutEmulator();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
}
