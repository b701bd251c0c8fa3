using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Rollout.Benchmarks.Hosting;
using Rollout.Benchmarks.Harness;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// The operator's view of a big rollout: Debian's Chromium opens the 10,000-instance large-job
/// update while it streams (embedded emulator at speed 4), then watches it. Long tasks come from the
/// browser's own PerformanceObserver; busy time from Chromium's TaskDuration metric.
/// </summary>
internal sealed class BrowserBenchmark : IBenchmark
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string UpdateLink = "cdn/prod/edge";

    /// <summary>
    /// Clicks the link named and answers, in the page's own time, when the header and the grid's first
    /// tiles are on screen, and when all 10,000 tiles are.
    /// </summary>
    private const string OpenScript = """
            async (name) => {
                const link = [...document.querySelectorAll('a')].find(a => a.textContent.trim() === name);
                const t0 = performance.now();
                link.click();
                const frame = () => new Promise(r => requestAnimationFrame(r));
                const shown = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))); // the frame that shows it
                const tiles = () => Number(document.querySelector('[aria-label="Instance grid"]')?.dataset.tiles ?? 0);
                while (!(document.querySelector('[data-testid=update-status]') && tiles() > 0)) await frame();
                await shown();
                const open = performance.now() - t0;
                while (tiles() < 10000) await frame();
                await shown();
                return [open, performance.now() - t0];
            }
        """;

    public string Name => "browser";

    public IReadOnlyList<Metric> Metrics { get; } =
    [
        new("browser_open_ms", "ms", "click on the large-job update in the list until its header and the grid's first tiles are on screen (app already booted)"),
        new("browser_open_full_ms", "ms", "the same click until all 10,000 tiles are on screen"),
        new("browser_reopen_ms", "ms", "the header and first tiles, opened a second time from the list (no first-visit warm-up)"),
        new("browser_reopen_full_ms", "ms", "all 10,000 tiles, the second time"),
        new("browser_longest_task_ms", "ms", "longest main-thread task while the 10,000-instance rollout streams"),
        new("browser_long_tasks", "count", "main-thread tasks over 50 ms while it streams"),
        new("browser_busy_pct", "%", "main-thread busy time over wall time while it streams"),
        new("browser_watch_secs", "s", "how long the streaming page was watched"),
    ];

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium");
        await using var site = DashboardHost.Start(new Dictionary<string, string>
        {
            ["Emulator:Scenarios"] = "large-job",
            ["Emulator:Speed"] = "4",
            ["Emulator:RepeatEverySecs"] = "0",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        await page.AddInitScriptAsync("""
            window.__longTasks = [];
            new PerformanceObserver(list => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
                .observe({ type: 'longtask', buffered: true });
            """);

        // Sign in through the login link (it lands on the list), then wait until the rollout is under way.
        await page.GotoAsync(site.LoginAddress.ToString());
        var link = page.GetByRole(AriaRole.Link, new() { Name = UpdateLink });
        await link.WaitForAsync(new() { Timeout = 120_000 });
        await Task.Delay(TimeSpan.FromSeconds(settings.Quick ? 5 : 10), cancellationToken);

        // Click, then wait in the page for the header and the grid: the time is the page's own.
        var open = await page.EvaluateAsync<double[]>(OpenScript, UpdateLink);

        // Back to the list and open it again: the same work without the first visit's warm-up.
        await page.GoBackAsync();
        await link.WaitForAsync();
        var reopen = await page.EvaluateAsync<double[]>(OpenScript, UpdateLink);

        // Watch it stream.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Performance.enable");
        await page.EvaluateAsync("() => { window.__longTasks = []; }");
        var busyBefore = await TaskDuration(cdp);
        var watch = TimeSpan.FromSeconds(settings.Quick ? 15 : 30);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Task.Delay(watch, cancellationToken);
        var busy = await TaskDuration(cdp) - busyBefore;
        var wall = started.Elapsed.TotalSeconds;
        var longTasks = await page.EvaluateAsync<double[]>("() => window.__longTasks");

        return new Dictionary<string, double>
        {
            ["browser_open_ms"] = Math.Round(open[0], 1),
            ["browser_open_full_ms"] = Math.Round(open[1], 1),
            ["browser_reopen_ms"] = Math.Round(reopen[0], 1),
            ["browser_reopen_full_ms"] = Math.Round(reopen[1], 1),
            ["browser_longest_task_ms"] = longTasks.Length == 0 ? 0 : longTasks.Max(),
            ["browser_long_tasks"] = longTasks.Length,
            ["browser_busy_pct"] = Math.Round(100 * busy / wall, 1),
            ["browser_watch_secs"] = Math.Round(wall, 1),
        };
    }

    private static async Task<double> TaskDuration(ICDPSession cdp)
    {
        var metrics = await cdp.SendAsync("Performance.getMetrics");
        foreach (var metric in metrics!.Value.GetProperty("metrics").EnumerateArray())
        {
            if (metric.GetProperty("name").GetString() == "TaskDuration") return metric.GetProperty("value").GetDouble();
        }

        throw new InvalidOperationException("Chromium reported no TaskDuration metric");
    }
}
