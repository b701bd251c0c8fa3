using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Rollout.Browser.Tests;

/// <summary>One dashboard on the mixed-executors scenario, sped up: live insight to look at, and a server to replay recordings on.</summary>
public sealed class MixedExecutorsSiteFixture : IDisposable
{
    internal DashboardSite Site { get; } = new(("Emulator:Scenarios", "mixed-executors"), ("Emulator:Speed", "5"));

    public void Dispose() => Site.Dispose();
}

/// <summary>
/// Insight in a real browser: a recording loaded and replayed, its explainer and timeline checked at
/// known points; and the live update page and the fleet view against the emulator.
/// </summary>
public partial class InsightInTheBrowserTests(ChromiumFixture chromium, MixedExecutorsSiteFixture mixed, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>, IClassFixture<MixedExecutorsSiteFixture>
{
    private const float Timeout = 60_000;

    /// <summary>
    /// mixed-executors as the dashboard recorded it (seed 1): 20 instances in batches of 4, started at
    /// 21:40:05.932. At +45 s batch 1 (0-3) is updated, instance 4 is in its health checks and 5, 6, 7
    /// (vPrev hosts) are RUNNING under watch_secs=30 until +61 s; it rolls forward at +170 s.
    /// </summary>
    private static readonly string Recording = Path.Combine(AppContext.BaseDirectory, "Recordings", "mixed-executors.jsonl");

    private DashboardSite Site => mixed.Site;

    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string path)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            TimezoneId = "UTC",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        page.Console += (_, m) => { if (m.Type == "error") output.WriteLine($"browser console: {m.Text}"); };
        await page.GotoAsync(Site.LoginLink);
        await page.GotoAsync(Site.BaseAddress.TrimEnd('/') + path);
        return (context, page);
    }

    private static ILocator Explainer(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "Insight" });

    private static ILocator Timeline(IPage page) => page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Timeline") });

    [Fact]
    public async Task Replay_Recording_ExplainerAndTimelineAtKnownPoints_ThenPlayedToTheEnd()
    {
        var (context, page) = await OpenAsync("/replay");
        await using var _ = context;

        // A file that is not a recording is refused with the server's words, naming the line.
        await page.GetByLabel("Load recording").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "hello\n"u8.ToArray() });
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "line 1" })).ToBeVisibleAsync();

        await page.GetByLabel("Load recording").SetInputFilesAsync(Recording);
        await Assertions.Expect(page.GetByText("payments/prod/api#api-1", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/replay\?id=[0-9a-f]{16}&at=0$"));

        // +45 s, by the shareable link: one instance in its health checks, three counting down watch_secs.
        await page.GotoAsync(page.Url.Replace("at=0", "at=45000", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByText("+0:45 of 2:50")).ToBeVisibleAsync();
        var explainer = Explainer(page);
        await Assertions.Expect(explainer.GetByText(new Regex(@"^3 instance\(s\) RUNNING, counting down watch_secs=30"))).ToBeVisibleAsync();
        await Assertions.Expect(explainer.GetByText(new Regex(@"^instance 4 in health checks: \d/2 passes"))).ToBeVisibleAsync();
        await Assertions.Expect(explainer.GetByTestId("deadline").First).ToContainTextAsync("(in 17 s)"); // counted from the replay's instant
        foreach (var id in new[] { "5", "6", "7" }) await Assertions.Expect(explainer.GetByRole(AriaRole.Button, new() { Name = $"Open instance {id}", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(Timeline(page)).ToHaveAttributeAsync("aria-label", new Regex("20 instances in 2 batches, 4 updated, 4 in flight, 12 waiting"));
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("insight-replay-explainer.png") });

        // Drill into the second batch: one bar per instance.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^batch 2 \(4 instances\)", RegexOptions.IgnoreCase) }).ClickAsync();
        await Assertions.Expect(Timeline(page)).ToHaveAttributeAsync("aria-label", new Regex("^Timeline of batch 2.*4 in flight", RegexOptions.IgnoreCase));
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("insight-replay-timeline-batch.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Back to all batches" }).ClickAsync();

        // Played at 100x from there, it reaches the end: rolled forward, every instance updated, the link keeps the end.
        await page.GetByLabel("Speed").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "100x" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Play" }).ClickAsync();
        await Assertions.Expect(explainer.GetByText(new Regex("^finished: ROLLED_FORWARD"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play" })).ToBeVisibleAsync();
        await Assertions.Expect(Timeline(page)).ToHaveAttributeAsync("aria-label", new Regex("20 instances in 5 batches, 20 updated, 0 in flight"));
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("&at=170000$"));
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("insight-replay-finished.png"), FullPage = true });
    }

    [Fact]
    public async Task LiveUpdate_HeaderSaysWhatItWaitsOn_InsightAndFleetShowIt()
    {
        var (context, page) = await OpenAsync("/updates/payments/prod/api/api-1");
        await using var _ = context;

        // The header's line and the explainer name what the updater waits on; the ETA chip explains itself.
        await Assertions.Expect(page.GetByLabel("Waiting on")).ToBeVisibleAsync();
        var explainer = Explainer(page);
        await explainer.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(explainer.GetByText(new Regex("in health checks|watch_secs|pending|finished"))).Not.ToHaveCountAsync(0);
        await Assertions.Expect(Timeline(page)).ToHaveAttributeAsync("aria-label", new Regex("^Timeline: 20 instances"));
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("insight-live-explainer-timeline.png") });

        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Gating savings") }).ClickAsync();
        await Assertions.Expect(explainer.GetByText(new Regex("watch_secs"))).Not.ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Strategies") }).ClickAsync();
        await Assertions.Expect(explainer.GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("insight-live-strategies.png") });

        await page.GotoAsync(Site.BaseAddress.TrimEnd('/') + "/fleet");
        await Assertions.Expect(page.GetByLabel("Fleet totals")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("insight-fleet.png"), FullPage = true });
    }
}
