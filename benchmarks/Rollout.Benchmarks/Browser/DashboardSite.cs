using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Rollout.Benchmarks.Browser;

/// <summary>The whole dashboard on real Kestrel (loopback) with the embedded emulator, as an operator runs it.</summary>
internal sealed class DashboardSite : WebApplicationFactory<Rollout.Server.Hubs.DashboardHub> // any type of the server assembly names its entry point
{
    private readonly (string Key, string Value)[] _settings;

    public DashboardSite(params (string Key, string Value)[] settings)
    {
        _settings = [("urls", "http://127.0.0.1:0"), ("Emulator:RepeatEverySecs", "0"), .. settings];

        // The factory finds the server's content root through this variable outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ROLLOUT_SERVER", Path.Combine(RepositoryRoot(), "src", "Server"));
        UseKestrel(0);
        StartServer();
    }

    public string BaseAddress => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Dashboard.sln not found above " + AppContext.BaseDirectory);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }
}
