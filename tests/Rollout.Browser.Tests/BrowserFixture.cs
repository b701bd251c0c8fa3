using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Rollout.Browser.Tests;

/// <summary>The dashboard on real Kestrel with the embedded emulator, served to Debian's Chromium.</summary>
internal sealed class DashboardSite : WebApplicationFactory<Program>
{
    /// <summary>A fixed token, so the browser signs in through the real login link.</summary>
    public const string Token = "browser-token-3a8c1e5f7b9d2c4e";

    /// <summary>Whom the token signs in as.</summary>
    public const string UserName = "erin";

    private readonly (string Key, string Value)[] _settings;

    // Each site audits into its own folder, never into the repository's default data folder.
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rollout-browser-" + Guid.NewGuid().ToString("N"));

    public DashboardSite(params (string Key, string Value)[] settings)
    {
        _settings = [("urls", "http://127.0.0.1:0"), ("Emulator:RepeatEverySecs", "0"), ("Dashboard:Auth:Token", Token), ("Dashboard:Auth:UserName", UserName),
            ("Dashboard:DataPath", _dataPath), .. settings];
        UseKestrel(0);
        StartServer();
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

    public string BaseAddress => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>The sign-in link exactly as the server prints it at start ("Rollout Dashboard: &lt;link&gt;").</summary>
    public string LoginLink => Services.GetRequiredService<Rollout.Server.Security.AccessToken>().LoginLink(BaseAddress);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
    }
}

/// <summary>One Chromium for the whole test class; each test gets its own page.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (bash scripts/test.sh does).");
        }

        Assertions.SetDefaultExpectTimeout(60_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>Where screenshots go: artifacts/screenshots at the repository root.</summary>
    public static string ArtifactPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dashboard.sln"))) dir = dir.Parent;
        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
