using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
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

    public DashboardApp(params (string Key, string Value)[] settings)
    {
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
        UseKestrel(0);
        StartServer();
    }

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
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (model.Connection.State != UpstreamState.Live)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the upstream is still {model.Connection.State}");
            await Task.Delay(20);
        }
    }

    /// <summary>An HTTP client presenting <paramref name="token"/> as a Bearer token (none: anonymous).</summary>
    public HttpClient CreateHttp(string? token = Token)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A SignalR client watching one view: the updates list, or an update's key; signed in with <paramref name="token"/>.</summary>
    public async Task<TestDashboardClient> ConnectAsync(string view = DashboardViews.List, bool messagePack = false, string? token = Token)
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(BaseAddress, DashboardHubRoute.Path), o => o.AccessTokenProvider = () => Task.FromResult(token));
        if (messagePack) builder.AddMessagePackProtocol();
        else builder.AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var hub = builder.Build();
        var client = new TestDashboardClient(hub, view);
        await client.StartAsync();
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }
}
