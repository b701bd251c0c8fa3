using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Rollout.Emulator.Hosting;

namespace Rollout.Server.Tests.Support;

/// <summary>A scheduler emulator in its own host on a fixed loopback port: one that can be killed and restarted.</summary>
internal sealed class ExternalEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    /// <summary>The key the external emulator accepts; a dashboard pointed at it sends this as Upstream:ApiKey.</summary>
    public const string Key = "external-emulator-test-key";

    private ExternalEmulator(WebApplication app) => _app = app;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ExternalEmulator> StartAsync(int port, string scenario, double speed, params string[] keys) =>
        new(await EmulatorHost.StartAsync(port, new Dictionary<string, string?>
        {
            ["Emulator:Scenarios"] = scenario,
            ["Emulator:Speed"] = speed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Concat((keys.Length == 0 ? [Key] : keys).Select((k, i) => KeyValuePair.Create($"Emulator:ApiKeys:{i}", (string?)k))))
            .WaitAsync(TimeSpan.FromSeconds(30)));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await _app.DisposeAsync();
    }
}
