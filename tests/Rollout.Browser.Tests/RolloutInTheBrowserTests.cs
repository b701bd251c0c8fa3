using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Rollout.Client.Components;
using Xunit.Abstractions;

namespace Rollout.Browser.Tests;

/// <summary>An operator follows and steers a rollout in a real browser, end to end.</summary>
public partial class RolloutInTheBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private const float Timeout = 60_000;

    /// <summary>A fresh browser context per test, closed with it, so no page outlives its test.</summary>
    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(DashboardSite site, string path)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        page.Console += (_, m) => { if (m.Type == "error") output.WriteLine($"browser console: {m.Text}"); };
        await page.GotoAsync(site.LoginLink); // signs in, lands on "/"
        if (path != "/") await page.GotoAsync(site.BaseAddress.TrimEnd('/') + path);
        return (context, page);
    }

    private static async Task CommandAsync(IPage page, string verb, string message)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = verb, Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Message").FillAsync(message);
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"{verb} update" }).ClickAsync();
    }

    private static async Task<int> UpdatedAsync(IPage page)
    {
        var text = await page.GetByTestId("update-progress").InnerTextAsync();
        return int.Parse(UpdatedCount().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task MixedExecutors_FollowPauseResume_ToRolledForward()
    {
        // Speed 4, not faster: a loaded 2-core machine must still reach Pause before 20 instances are done.
        using var site = new DashboardSite(("Emulator:Scenarios", "mixed-executors"), ("Emulator:Speed", "4"));
        var (context, page) = await OpenAsync(site, "/");
        await using var _ = context;

        // The updates list, then the update by its link, as an operator would.
        await page.GetByRole(AriaRole.Link, new() { Name = "payments/prod/api" }).ClickAsync();
        var status = page.GetByLabel("Update status");
        await Assertions.Expect(status).ToHaveTextAsync("ROLLING_FORWARD");
        await Assertions.Expect(page.GetByText("live", new() { Exact = true })).ToBeVisibleAsync();

        // vPrev instances wait watch_secs; vCurrent ones are health-gated.
        var rows = page.GetByRole(AriaRole.Row);
        await Assertions.Expect(rows.Filter(new() { Has = page.Locator("[data-executor=vPrev]") }).Locator("[data-gating=WATCH_SECS]").First).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { Has = page.Locator("[data-executor=vCurrent]") }).Locator("[data-gating=HEALTH_GATED]").First).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { Has = page.Locator("[data-executor=vPrev]") }).Locator("[data-gating=HEALTH_GATED]")).ToHaveCountAsync(0);

        // Pause: the status comes back paused and nothing moves afterwards.
        await CommandAsync(page, "Pause", "checking error rates");
        var clock = Stopwatch.StartNew();
        await Assertions.Expect(status).ToHaveTextAsync("ROLL_FORWARD_PAUSED");
        output.WriteLine($"pause click to paused status in the DOM: {clock.ElapsedMilliseconds} ms");
        await Assertions.Expect(page.GetByText("Pause: OK")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("update-page-paused.png"), FullPage = true });
        var updatedWhenPaused = await UpdatedAsync(page);
        await page.WaitForTimeoutAsync(8000); // 32 s of scenario time: long enough for any watch_secs (30) to elapse
        Assert.Equal(updatedWhenPaused, await UpdatedAsync(page));
        Assert.True(updatedWhenPaused < 20, "paused mid-rollout");

        // Resume and watch it finish.
        await CommandAsync(page, "Resume", "error rates fine");
        await Assertions.Expect(status).ToHaveTextAsync("ROLLED_FORWARD", new() { Timeout = 90_000 });
        Assert.Equal(20, await UpdatedAsync(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true })).ToBeDisabledAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("update-page-rolled-forward.png"), FullPage = true });
    }

    [Fact]
    public async Task SettingsBitMismatch_HazardsAndEvidenceAreShown()
    {
        using var site = new DashboardSite(("Emulator:Scenarios", "settings-bit-mismatch"), ("Emulator:Speed", "8"));
        var (context, page) = await OpenAsync(site, "/updates/mail/prod/relay/relay-1");
        await using var _ = context;

        var hazard = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("[data-executor=vPrev]") })
            .GetByText("S3 bit on vPrev").First;
        await Assertions.Expect(hazard).ToBeVisibleAsync();

        // The instance panel says which strategy decided and why.
        await page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("[data-executor=vPrev]") }).First.ClickAsync();
        var panel = page.GetByLabel(InstanceDetails());
        await Assertions.Expect(panel.GetByText("S3 (used by the updater)")).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByText("executorDrivenUpdates bit set").First).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByLabel("Task timeline").GetByText("RUNNING").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("instance-panel-hazards.png"), FullPage = true });
    }

    [Fact]
    public async Task InstanceGrid_PointerAndKeyboard_OpenInstances()
    {
        using var site = new DashboardSite(("Emulator:Scenarios", "settings-bit-mismatch"), ("Emulator:Speed", "8"));
        var (context, page) = await OpenAsync(site, "/updates/mail/prod/relay/relay-1");
        await using var _ = context;

        // The canvas says how many tiles it holds once the script has them.
        var grid = page.GetByRole(AriaRole.Application, new() { Name = "Instance grid" });
        await Assertions.Expect(grid).ToHaveAttributeAsync("data-tiles", "16");
        await Assertions.Expect(page.GetByTestId("instance-grid-summary")).ToContainTextAsync("16 instances");

        // Pointer: where a tile is comes from the same layout arithmetic the script uses.
        var box = await grid.BoundingBoxAsync() ?? throw new InvalidOperationException("the grid is not on screen");
        var layout = GridLayout.ForWidth(box.Width, 16);
        Assert.Equal(layout.Height, box.Height, 0.5);
        var (x, y) = layout.CenterOf(5);
        var tile = new Position { X = (float)x, Y = (float)y };
        await grid.HoverAsync(new() { Position = tile });
        await Assertions.Expect(page.GetByRole(AriaRole.Tooltip)).ToContainTextAsync("#5 ");
        await grid.ClickAsync(new() { Position = tile });
        await Assertions.Expect(page.GetByLabel("Instance 5 details")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close instance details" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Instance 5 details")).ToHaveCountAsync(0);

        // Keyboard: focus returns to the last clicked tile; right, right, left and Enter open the next one.
        await grid.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowLeft");
        const int expected = 6;
        await Assertions.Expect(page.Locator("[aria-live=polite]").Filter(new() { HasText = $"#{expected} " })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("instance-grid-focus.png"), FullPage = true });
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel($"Instance {expected} details")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("instance-grid-selected.png"), FullPage = true });
    }

    [GeneratedRegex(@"(\d+) / \d+ updated")]
    private static partial Regex UpdatedCount();

    [GeneratedRegex(@"^Instance \d+ details$")]
    private static partial Regex InstanceDetails();
}
