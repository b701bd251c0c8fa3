using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rollout.Domain.Dashboard;
using Rollout.Server.Hubs;
using Rollout.Server.ReadModel;

namespace Rollout.Benchmarks.Hosting;

/// <summary>
/// The whole dashboard server, unchanged (its own Program), on real Kestrel at 127.0.0.1 with a free
/// port. Logging is off: a console line per connection or per fallen-behind viewer would be timed too.
/// </summary>
internal sealed class DashboardHost : WebApplicationFactory<DashboardHub>
{
    /// <summary>The sign-in token the host is started with: clients sign in as the real ones do.</summary>
    public const string Token = "benchmark-token-7f3e9a1c5d2b4e6f";

    private readonly Dictionary<string, string> _settings;
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rollout-benchmark-" + Guid.NewGuid().ToString("N"));

    private DashboardHost(IEnumerable<KeyValuePair<string, string>> settings)
    {
        _settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Dashboard:Auth:Token"] = Token,
            ["Dashboard:DataPath"] = _dataPath, // its own audit folder, never the repository's
        };
        foreach (var (key, value) in settings) _settings[key] = value;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) DeleteDataPath();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteDataPath();
    }

    private void DeleteDataPath()
    {
        try
        {
            if (Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; nothing depends on it.
        }
    }

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The hub, signed in as a browser's WebSocket is: the token as SignalR's access_token query parameter.</summary>
    public Uri HubAddress => new(BaseAddress, $"{DashboardHubRoute.Path}?access_token={Token}");

    /// <summary>Opening it in a browser signs that browser in (a session cookie), as the printed link does.</summary>
    public Uri LoginAddress => new(BaseAddress, $"/login?t={Token}");

    public DashboardModel Model => Services.GetRequiredService<DashboardModel>();

    public ViewerRegistry Viewers => Services.GetRequiredService<ViewerRegistry>();

    /// <param name="settings">Configuration keys as the command line would give them, e.g. "Emulator:Speed".</param>
    public static DashboardHost Start(IEnumerable<KeyValuePair<string, string>> settings)
    {
        PointAtContentRoot();
        var host = new DashboardHost(settings);
        try
        {
            host.UseKestrel(0);
            host.StartServer();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The factory reads its manifest of content roots from the current folder, which under dotnet run
    /// is wherever the run started; its documented override names the server's root from the manifest
    /// next to this assembly instead.
    /// </summary>
    private static void PointAtContentRoot()
    {
        var server = typeof(DashboardHub).Assembly.GetName();
        var variable = $"ASPNETCORE_TEST_CONTENTROOT_{server.Name!.ToUpperInvariant().Replace('.', '_')}";
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 }) return;
        var manifest = Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json");
        var roots = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(manifest))
            ?? throw new InvalidOperationException($"{manifest} is empty");
        Environment.SetEnvironmentVariable(variable, roots[server.FullName]);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.ClearProviders());
    }
}
