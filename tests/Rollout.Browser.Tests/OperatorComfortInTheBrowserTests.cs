using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Rollout.Browser.Tests;

/// <summary>One dashboard on the 10,000-instance rollout, shared by the comfort tests (each opens its own browser context).</summary>
public sealed class LargeJobSiteFixture : IDisposable
{
    // Real speed: the rollout is still going while these tests look at it, and the machine stays free for the browser.
    internal DashboardSite Site { get; } = new(("Emulator:Scenarios", "large-job"), ("Emulator:Speed", "1"));

    public void Dispose() => Site.Dispose();
}

/// <summary>Operator comfort in a real browser: dark mode, keyboard shortcuts, deep links, and a table that shows enough rows.</summary>
public partial class OperatorComfortInTheBrowserTests(ChromiumFixture chromium, LargeJobSiteFixture large, ITestOutputHelper output)
    : IClassFixture<ChromiumFixture>, IClassFixture<LargeJobSiteFixture>
{
    private const float Timeout = 60_000;
    private const string UpdatePath = "/updates/cdn/prod/edge/edge-1";

    private DashboardSite Site => large.Site;

    /// <summary>A fresh context (its own storage) per test, signed in, on <paramref name="path"/>.</summary>
    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string path, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            ColorScheme = scheme,
            TimezoneId = "Europe/Berlin",
        });
        await context.GrantPermissionsAsync(["notifications"], new() { Origin = Site.BaseAddress.TrimEnd('/') });

        // Records each notification the page creates: the system's own pop-up is out of a test's sight.
        await context.AddInitScriptAsync(
            """
            window.shownNotifications = [];
            if ('Notification' in window) {
                const Shown = window.Notification;
                window.Notification = class extends Shown {
                    constructor(title, options) {
                        window.shownNotifications.push({ title, body: options?.body ?? '' });
                        super(title, options);
                    }
                };
            }
            """);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        page.Console += (_, m) => { if (m.Type == "error") output.WriteLine($"browser console: {m.Text}"); };
        await page.GotoAsync(Site.LoginLink); // signs in, lands on "/"
        if (path != "/") await page.GotoAsync(Site.BaseAddress.TrimEnd('/') + path);
        return (context, page);
    }

    private static ILocator Html(IPage page) => page.Locator("html");

    private static async Task WaitForTableAsync(IPage page) =>
        await Assertions.Expect(page.GetByText("10000 instances", new() { Exact = true })).ToBeVisibleAsync();

    [Fact]
    public async Task DarkMode_FollowsTheSystem_ChosenInTheAppBar_RememberedAcrossReload()
    {
        // A system that prefers dark gets dark with nothing chosen.
        var (systemDark, darkPage) = await OpenAsync("/", ColorScheme.Dark);
        await using (systemDark)
        {
            await Assertions.Expect(Html(darkPage)).ToHaveAttributeAsync("data-theme", "dark");
            await Assertions.Expect(darkPage.GetByRole(AriaRole.Button, new() { Name = "Theme: follow the system" })).ToBeVisibleAsync();
            await Assertions.Expect(darkPage.GetByRole(AriaRole.Link, new() { Name = "cdn/prod/edge" })).ToBeVisibleAsync();
            await darkPage.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("comfort-list-dark-system.png") });
        }

        var (context, page) = await OpenAsync(UpdatePath);
        await using var _ = context;
        await WaitForTableAsync(page);
        await Assertions.Expect(Html(page)).ToHaveAttributeAsync("data-theme", "light");
        await WaitForBackgroundAsync(page, dark: false);

        await page.GetByRole(AriaRole.Button, new() { Name = "Theme: follow the system" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "dark" }).ClickAsync();
        await Assertions.Expect(Html(page)).ToHaveAttributeAsync("data-theme", "dark");
        await WaitForBackgroundAsync(page, dark: true);

        // Remembered: a reload comes back dark, on a light system.
        await page.ReloadAsync();
        await WaitForTableAsync(page);
        await Assertions.Expect(Html(page)).ToHaveAttributeAsync("data-theme", "dark");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Theme: dark" })).ToBeVisibleAsync();
        await WaitForBackgroundAsync(page, dark: true);
        await Assertions.Expect(page.GetByRole(AriaRole.Application, new() { Name = "Instance grid" })).ToHaveAttributeAsync("data-tiles", "10000");
        await page.WaitForTimeoutAsync(500); // the grid's next frame, drawn in the dark theme's colours
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("comfort-dark-mode.png") });

        // t toggles back to light, and that is remembered too.
        await page.Locator("body").PressAsync("t");
        await Assertions.Expect(Html(page)).ToHaveAttributeAsync("data-theme", "light");
        await WaitForBackgroundAsync(page, dark: false);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Theme: light" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Shortcuts_DriveThePage_PauseOnlyWhenConfirmed_AndNotified()
    {
        var (context, page) = await OpenAsync(UpdatePath);
        await using var _ = context;
        await WaitForTableAsync(page);

        // ? shows every shortcut; Escape closes the overlay.
        await page.Locator("body").PressAsync("?");
        var help = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Assertions.Expect(help).ToBeVisibleAsync();
        await Assertions.Expect(help.GetByText("Go to the updates list")).ToBeVisibleAsync();
        await Assertions.Expect(help.GetByText("Toggle dark and light")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("comfort-shortcuts-help.png") });
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(help).ToHaveCountAsync(0);

        // j j j k: the first j puts the cursor on the first row, so it ends on the second; Enter opens it.
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Instances" }).GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("[data-executor]") });
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("aria-current", "true");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel("Instance 1 details")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"[?&]instance=1(&|$)"));

        // With the panel open, j moves it along.
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(page.GetByLabel("Instance 2 details")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByLabel("Instance 2 details")).ToHaveCountAsync(0);
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("instance="));

        // / goes to the filter, and typing there is text, not shortcuts.
        await page.Keyboard.PressAsync("/");
        var filter = page.GetByLabel("Filter instances");
        await Assertions.Expect(filter).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("vPrev");
        await Assertions.Expect(filter).ToHaveValueAsync("vPrev");
        await Assertions.Expect(Html(page)).ToHaveAttributeAsync("data-theme", "light"); // no t was taken as a toggle
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"[?&]q=vPrev(&|$)"));

        // Notifications on: the browser grants them (the test granted the permission beforehand).
        await page.GetByRole(AriaRole.Button, new() { Name = "Notifications: off" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Notifications: on" })).ToBeVisibleAsync();

        // p opens the confirmation, never a command on its own: cancelled, nothing changes.
        await filter.BlurAsync();
        await page.Keyboard.PressAsync("p");
        var confirm = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm.GetByRole(AriaRole.Button, new() { Name = "Pause update" })).ToBeDisabledAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(confirm).ToHaveCountAsync(0);
        var status = page.GetByLabel("Update status");
        await Assertions.Expect(status).ToHaveTextAsync("ROLLING_FORWARD");

        // Confirmed, it pauses, and the open update's pause is a notification; r resumes the same way.
        await page.Keyboard.PressAsync("p");
        await confirm.GetByLabel("Message").FillAsync("paused from the keyboard");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Pause update" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("ROLL_FORWARD_PAUSED");
        await page.WaitForFunctionAsync("() => window.shownNotifications.some(n => n.title === 'cdn/prod/edge #edge-1 paused')");
        await page.Keyboard.PressAsync("r");
        await confirm.GetByLabel("Message").FillAsync("resumed from the keyboard");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Resume update" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("ROLLING_FORWARD");

        // g l: the list.
        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("l");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "cdn/prod/edge" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/$"));
    }

    [Fact]
    public async Task DeepLink_RestoresFilterSortAndPanel_BackAndForwardStepThroughViews()
    {
        var (context, page) = await OpenAsync($"{UpdatePath}?q=vPrev&sort=host&desc=1&instance=7&grid=hidden");
        await using var _ = context;

        var filter = page.GetByLabel("Filter instances");
        await Assertions.Expect(filter).ToHaveValueAsync("vPrev");
        await Assertions.Expect(page.GetByText(FilteredCount())).ToBeVisibleAsync();
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Instances" }).GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("[data-executor]") });
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { Has = page.Locator("[data-executor=vCurrent]") })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Host" })).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show the instance grid" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Instance 7 details")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("comfort-deep-link.png") });

        // Closing the panel is a step: Back opens it again, Forward closes it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Close instance details" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Instance 7 details")).ToHaveCountAsync(0);
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByLabel("Instance 7 details")).ToBeVisibleAsync();
        await page.GoForwardAsync();
        await Assertions.Expect(page.GetByLabel("Instance 7 details")).ToHaveCountAsync(0);

        // Showing the grid and sorting by another column are steps too; Back restores the filter and sort as they were.
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the instance grid" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Application, new() { Name = "Instance grid" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Task status" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"[?&]sort=status(&|$)"));
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Host" })).ToHaveAttributeAsync("aria-sort", "descending");
        await Assertions.Expect(filter).ToHaveValueAsync("vPrev");
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show the instance grid" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task LargeJob_At1440x900_TableShowsAtLeast15RowsOnOneLineEach()
    {
        var (context, page) = await OpenAsync(UpdatePath);
        await using var _ = context;
        await WaitForTableAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Application, new() { Name = "Instance grid" })).ToHaveAttributeAsync("data-tiles", "10000");

        // Times are in the viewer's zone (the context's), named where the update started.
        await Assertions.Expect(page.GetByText("(Europe/Berlin)")).ToBeVisibleAsync();

        // Rows wholly on screen: below the sticky header, inside the scroll area and the window, with no scrolling.
        var region = await page.GetByRole(AriaRole.Region, new() { Name = "Instance rows" }).BoundingBoxAsync() ?? throw new InvalidOperationException("no table on screen");
        var header = await page.GetByRole(AriaRole.Table, new() { Name = "Instances" }).GetByRole(AriaRole.Row).First.BoundingBoxAsync() ?? throw new InvalidOperationException("no header row");
        var top = header.Y + header.Height;
        var bottom = Math.Min(region.Y + region.Height, 900);
        var rows = page.GetByRole(AriaRole.Table, new() { Name = "Instances" }).GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("[data-executor]") });
        var boxes = new List<LocatorBoundingBoxResult>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            if (await rows.Nth(i).BoundingBoxAsync() is { } box) boxes.Add(box);
        }

        var visible = boxes.Count(b => b.Y >= top - 0.5 && b.Y + b.Height <= bottom + 0.5);
        output.WriteLine($"rows rendered {boxes.Count}, wholly visible {visible}, heights {string.Join(",", boxes.Select(b => b.Height).Distinct())}");
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("comfort-table-1440x900.png") });
        Assert.True(visible >= 15, $"{visible} rows visible at 1440x900; at least 15 expected");

        // No cell wraps: every row is one line, as high as every other.
        Assert.All(boxes, b => Assert.Equal(boxes[0].Height, b.Height, 0.5));
        Assert.True(boxes[0].Height <= 26, $"rows are {boxes[0].Height}px: one dense line each");
    }

    /// <summary>Waits until the page's background is dark (luminance below 0.3; MudBlazor's dark is about 0.2) or light (above 0.8).</summary>
    private static async Task WaitForBackgroundAsync(IPage page, bool dark) => await page.WaitForFunctionAsync(
        """
        dark => {
            const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
            const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
            return dark ? luminance < 0.3 : luminance > 0.8;
        }
        """, dark, new() { Timeout = 10_000 });

    [GeneratedRegex(@"^\d+ of 10000 instances$")]
    private static partial Regex FilteredCount();
}
