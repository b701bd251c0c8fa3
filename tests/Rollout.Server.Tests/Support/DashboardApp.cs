using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rollout.Domain.Dashboard;
using Rollout.Emulator.Engine;
using Rollout.Server.Hosting;

namespace Rollout.Server.Tests.Support;

/// <summary>The whole dashboard on real Kestrel (loopback), with its settings; the embedded emulator by default.</summary>
internal sealed class DashboardApp : WebApplicationFactory<Program>
{
    /// <summary>The sign-in token every test host is configured with, so tests go through the real sign-in path.</summary>
    public const string Token = "test-token-5cb1d0e4a7f24b8e9d3c";

    /// <summary>The name the token signs in as (Dashboard:Auth:UserName).</summary>
    public const string UserName = "carol";

    private readonly Dictionary<string, string> _settings;
    private readonly Action<IWebHostBuilder>? _configure;
    private readonly string? _ownDataPath;

    public DashboardApp(params (string Key, string Value)[] settings)
        : this(null, settings)
    {
    }

    /// <param name="configure">More host set-up (services, logging) after the defaults.</param>
    public DashboardApp(Action<IWebHostBuilder>? configure, params (string Key, string Value)[] settings)
    {
        _configure = configure;
        _settings = new Dictionary<string, string>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Emulator:Scenarios"] = "mixed-executors",
            ["Emulator:Speed"] = "20",
            ["Dashboard:LostAfterSeconds"] = "2",
            ["Emulator:RepeatEverySecs"] = "0",
            ["Dashboard:Auth:Token"] = Token,
            ["Dashboard:Auth:UserName"] = UserName,
        };
        foreach (var (key, value) in settings) _settings[key] = value;

        // Each app its own data folder unless the test shares one (a restart); never the source tree.
        if (!_settings.ContainsKey("Dashboard:DataPath"))
        {
            _ownDataPath = NewDataPath();
            _settings["Dashboard:DataPath"] = _ownDataPath;
        }

        UseKestrel(new Uri(_settings["urls"]).Port); // port 0 unless a test gives one (a server restarting where browsers look for it)
        StartServer();
    }

    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "rollout-dashboard-tests", Guid.NewGuid().ToString("N"));

    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The embedded emulator's engine (only with the embedded upstream).</summary>
    public SchedulerEngine Engine => Services.GetRequiredService<EmbeddedEmulator>().Services!.GetRequiredService<SchedulerEngine>();

    /// <summary>
    /// Waits until both upstream streams have delivered their snapshots and are live: until then a
    /// new upstream snapshot starts a new epoch, and a viewer connected earlier rightly resnapshots.
    /// </summary>
    public async Task WaitUntilLiveAsync()
    {
        var model = Services.GetRequiredService<Rollout.Server.ReadModel.DashboardModel>();
        await Poll.UntilAsync(() => model.Connection.State == UpstreamState.Live, TimeSpan.FromSeconds(30), () => $"live; the upstream is {model.Connection.State}");
    }

    /// <summary>An HTTP client presenting <paramref name="token"/> as a Bearer token (none: anonymous).</summary>
    public HttpClient CreateHttp(string? token = Token)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>
    /// A browser watching one view (the updates list, or an update's key) with the browser's own
    /// connection code, signed in with <paramref name="token"/>; <paramref name="json"/> speaks JSON as scripts do.
    /// </summary>
    public Task<TestBrowser> ConnectAsync(string view = DashboardViews.List, bool json = false, string? token = Token) =>
        TestBrowser.OpenAsync(BaseAddress, view, json, token);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        _configure?.Invoke(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownDataPath is not null) DeleteDataPath(_ownDataPath);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownDataPath is not null) DeleteDataPath(_ownDataPath);
    }

    public static void DeleteDataPath(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
