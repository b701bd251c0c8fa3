using Rollout.Server.Edge;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Edge;

public class SecurityHeaderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("/")]
    [InlineData("/api/updates")]
    [InlineData("/healthz")]
    [InlineData("/app.css")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/no-such-page")]
    public async Task Response_AnyKind_CarriesSecurityHeaders(string path)
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp();

        using var response = await http.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(Timeout);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval'", csp.Replace("'wasm-unsafe-eval'", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Page_ImportMap_CarriesThisResponsesNonce()
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp();

        using var response = await http.GetAsync(new Uri("/", UriKind.Relative)).WaitAsync(Timeout);
        var html = await response.Content.ReadAsStringAsync().WaitAsync(Timeout);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = csp.Split("'nonce-")[1].Split('\'')[0];
        var tag = html.Split("<script").Single(t => t.Contains("importmap", StringComparison.Ordinal)).Split('>')[0];
        Assert.Contains($"nonce=\"{nonce}\"", tag, StringComparison.Ordinal);
    }

    [Fact]
    public void Policy_DifferentNonces_DifferOnlyInTheNonce()
    {
        Assert.Equal(SecurityHeaders.Policy("a").Replace("nonce-a", "nonce-b", StringComparison.Ordinal), SecurityHeaders.Policy("b"));
    }
}
