using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Rollout.Browser.Tests;

/// <summary>The biggest rollout, watched live: 10,000 instances streaming at four times real speed.</summary>
public partial class LargeJobInTheBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task LargeJob_PageKeepsUpAndAnswersWhileItStreams()
    {
        using var site = new DashboardSite(("Emulator:Scenarios", "large-job"), ("Emulator:Speed", "4"));
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1100 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.Console += (_, m) => { if (m.Type == "error") output.WriteLine($"browser console: {m.Text}"); };
        await page.GotoAsync(site.LoginLink); // signs in, lands on the list

        // From the list, as an operator would.
        await page.GetByRole(AriaRole.Link, new() { Name = "cdn/prod/edge" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Update status")).ToHaveTextAsync("ROLLING_FORWARD");
        var grid = page.GetByRole(AriaRole.Application, new() { Name = "Instance grid" });
        await Assertions.Expect(grid).ToHaveAttributeAsync("data-tiles", "10000");
        await Assertions.Expect(page.GetByText("10000 instances", new() { Exact = true })).ToBeVisibleAsync();

        // The page follows the rollout: the updated count keeps rising.
        var first = await UpdatedAsync(page);
        await Assertions.Expect(page.GetByTestId("update-progress")).Not.ToContainTextAsync($"{first} / 10000 updated");
        Assert.True(await UpdatedAsync(page) > first);

        // While it streams, the keyboard works on the grid...
        await grid.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        var panel = page.GetByLabel(InstanceDetails());
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByLabel("Detection verdicts")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("large-job-instance.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Close instance details" }).ClickAsync();

        // ...and the table filters 10,000 rows.
        await page.GetByLabel("Filter instances").FillAsync("vPrev");
        await Assertions.Expect(page.GetByText(FilteredCount())).ToBeVisibleAsync();
        var rows = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.Locator("[data-executor]") });
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { Has = page.Locator("[data-executor=vCurrent]") })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("large-job-streaming.png"), FullPage = true });
    }

    private static async Task<int> UpdatedAsync(IPage page)
    {
        var text = await page.GetByTestId("update-progress").InnerTextAsync();
        return int.Parse(UpdatedCount().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(\d+) / \d+ updated")]
    private static partial Regex UpdatedCount();

    [GeneratedRegex(@"^\d+ of 10000 instances$")]
    private static partial Regex FilteredCount();

    [GeneratedRegex(@"^Instance \d+ details$")]
    private static partial Regex InstanceDetails();
}
