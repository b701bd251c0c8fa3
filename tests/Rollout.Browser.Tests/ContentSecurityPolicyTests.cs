using System.Collections.Concurrent;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Rollout.Browser.Tests;

/// <summary>The pages work under the dashboard's Content-Security-Policy, with no violation reported.</summary>
public class ContentSecurityPolicyTests(ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task ListAndUpdatePages_UnderCsp_WorkWithNoViolation()
    {
        using var site = new DashboardSite(("Emulator:Scenarios", "mixed-executors"), ("Emulator:Speed", "3")); // slow enough to pause mid-rollout on a busy machine
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        var violations = new ConcurrentQueue<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Refused to", StringComparison.Ordinal))
                violations.Enqueue($"console: {m.Text}");
        };
        await page.ExposeFunctionAsync("reportCspViolation", (string text) => violations.Enqueue($"event: {text}"));
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window.reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));");

        var response = await page.GotoAsync(site.LoginLink); // signs in, lands on "/"
        Assert.NotNull(response);
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval'", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);

        // The list renders from the live hub, then the update page with its grid and table, then a command.
        await page.GetByRole(AriaRole.Link, new() { Name = "payments/prod/api" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Update status")).ToHaveTextAsync("ROLLING_FORWARD");
        await Assertions.Expect(page.GetByText("live", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-executor=vPrev]").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Message").FillAsync("csp check");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Pause update" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Update status")).ToHaveTextAsync("ROLL_FORWARD_PAUSED");

        // Back to the list through the app's own navigation.
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "payments/prod/api" })).ToBeVisibleAsync();

        foreach (var v in violations) output.WriteLine(v);
        Assert.Empty(violations);

        // The listener itself works: an injected inline script is refused and reported.
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.appendChild(s); }");
        await page.WaitForFunctionAsync("() => window.injected === undefined");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (violations.IsEmpty && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Contains(violations, v => v.Contains("script-src", StringComparison.Ordinal));
    }
}
