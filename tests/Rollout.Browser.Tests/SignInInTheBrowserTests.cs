using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Rollout.Browser.Tests;

/// <summary>Who you are decides what you may do, and the page says so.</summary>
public class SignInInTheBrowserTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private const float Timeout = 60_000;

    private async Task<(IBrowserContext Context, IPage Page)> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.ViewportSize = new ViewportSize { Width = 1440, Height = 1000 };
        var context = await chromium.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        page.Console += (_, m) => { if (m.Type == "error") output.WriteLine($"browser console: {m.Text}"); };
        return (context, page);
    }

    [Fact]
    public async Task PrintedLoginLink_SignsIn_PauseRecordsMyName()
    {
        // Speed 4: a loaded machine must still reach Pause before the rollout ends.
        using var site = new DashboardSite(("Emulator:Scenarios", "mixed-executors"), ("Emulator:Speed", "4"));
        var (context, page) = await NewPageAsync();
        await using var _ = context;

        // Without the link: the guidance page, not the app.
        var before = await page.GotoAsync(site.BaseAddress);
        Assert.Equal(401, before!.Status);
        await Assertions.Expect(page.GetByText("Open the sign-in link the server printed")).ToBeVisibleAsync();

        await page.GotoAsync(site.LoginLink);
        Assert.Equal(site.BaseAddress.TrimEnd('/') + "/", page.Url);
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync($"Signed in as {DashboardSite.UserName} (operator)");

        await page.GetByRole(AriaRole.Link, new() { Name = "payments/prod/api" }).ClickAsync();
        var status = page.GetByLabel("Update status");
        await Assertions.Expect(status).ToHaveTextAsync("ROLLING_FORWARD");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByLabel("Operator")).ToHaveCountAsync(0);
        await dialog.GetByLabel("Message").FillAsync("holding for the canary");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Pause update" }).ClickAsync();

        await Assertions.Expect(status).ToHaveTextAsync("ROLL_FORWARD_PAUSED");
        var history = page.GetByLabel("Update history");
        var paused = history.GetByRole(AriaRole.Row).Filter(new() { HasText = "holding for the canary" });
        await Assertions.Expect(paused.Locator("td").Nth(1)).ToHaveTextAsync("ROLL_FORWARD_PAUSED");
        await Assertions.Expect(paused.Locator("td").Nth(2)).ToHaveTextAsync(DashboardSite.UserName);

        // And in the audit, with its result.
        var audited = page.GetByLabel("Audit", new() { Exact = true }).GetByRole(AriaRole.Row).Filter(new() { HasText = "holding for the canary" });
        await Assertions.Expect(audited.Locator("td").Nth(1)).ToHaveTextAsync(DashboardSite.UserName);
        await Assertions.Expect(audited.Locator("td").Nth(4)).ToContainTextAsync("OK");
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("signed-in-pause.png"), FullPage = true });
    }

    [Fact]
    public async Task Viewer_SeesDisabledControlsWithTheReason()
    {
        // A viewer: OpenID Connect mode, where the script token is a service account with no grant.
        // No provider is reachable here, so the browser presents that token as a Bearer header.
        using var site = new DashboardSite(
            ("Emulator:Scenarios", "mixed-executors"), ("Emulator:Speed", "2"),
            ("Dashboard:Auth:Mode", "OpenIdConnect"), ("Dashboard:Auth:Authority", "http://127.0.0.1:9"),
            ("Dashboard:Auth:ClientId", "rollout-dashboard"), ("Dashboard:Auth:ClientSecret", "not-a-real-secret"),
            ("Dashboard:Auth:UserName", "victor"));
        var (context, page) = await NewPageAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {DashboardSite.Token}" },
        });
        await using var _ = context;

        await page.GotoAsync(site.BaseAddress.TrimEnd('/') + "/updates/payments/prod/api/api-1");

        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Signed in as victor (viewer)");
        await Assertions.Expect(page.GetByLabel("Update status")).ToBeVisibleAsync();
        foreach (var verb in new[] { "Pause", "Resume", "Abort" })
        {
            var button = page.GetByRole(AriaRole.Button, new() { Name = verb, Exact = true });
            await Assertions.Expect(button).ToBeDisabledAsync();
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-disabled", "true");
            await Assertions.Expect(button).ToHaveAttributeAsync("aria-description", "victor is a viewer of payments/prod/api: pausing, resuming and aborting it needs the operator role for this job");
        }

        await Assertions.Expect(page.GetByTestId("controls-denied")).ToContainTextAsync("needs the operator role for this job");
        await page.ScreenshotAsync(new() { Path = ChromiumFixture.ArtifactPath("viewer-controls-disabled.png"), FullPage = true });
    }
}
