using Microsoft.AspNetCore.SignalR.Client;
using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using Rollout.Domain.Dashboard;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Security;

/// <summary>Token mode through real Kestrel: who gets in, with what, and where the login link leads.</summary>
public class SignInTests
{
    private static HttpClient Browser(DashboardApp app, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private static HttpRequestMessage Page(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return request;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-0123456789abcdef")]
    public async Task Api_WithoutTheToken_Is401(string? token)
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp(token);

        var updates = await http.GetAsync(new Uri("/api/updates", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));
        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));
        var detail = await http.GetAsync(new Uri("/api/updates/payments/prod/api/api-1", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (updates.StatusCode, health.StatusCode, detail.StatusCode));
        Assert.Equal("Bearer", updates.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Api_WithBearerToken_Is200()
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp();

        var updates = await http.GetAsync(new Uri("/api/updates", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.OK, updates.StatusCode);
    }

    [Fact]
    public async Task Api_TokenAsQueryParameter_OnlyCountsOnTheHubPath()
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp(token: null);

        var updates = await http.GetAsync(new Uri($"/api/updates?access_token={DashboardApp.Token}", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Unauthorized, updates.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token-0123456789abcdef")]
    public async Task HubNegotiate_WithoutTheToken_Is401(string? token)
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp(token);

        var negotiate = await http.PostAsync(new Uri($"{DashboardHubRoute.Path}/negotiate?negotiateVersion=1", UriKind.Relative), null).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);
    }

    [Fact]
    public async Task HubWebSocket_WrongAccessToken_Refused()
    {
        using var app = new DashboardApp();

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => RawHubClient.ConnectAsync(app.BaseAddress, DashboardHubRoute.Path, accessToken: "wrong-token-0123456789abcdef").WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubWebSocket_AccessTokenQuery_SignsIn()
    {
        using var app = new DashboardApp();
        await using var raw = await RawHubClient.ConnectAsync(app.BaseAddress, DashboardHubRoute.Path);

        var id = await raw.InvokeAsync(nameof(IDashboardHub.WhoAmI));
        var answer = await raw.ReadUntilAsync(m => RawHubClient.IsCompletionOf(m, id), TimeSpan.FromSeconds(30));

        Assert.Equal(DashboardApp.UserName, answer.GetProperty("result").GetProperty("name").GetString());
    }

    [Fact]
    public async Task WhoAmI_TokenUser_IsOperatorOfEverything()
    {
        using var app = new DashboardApp();
        await using var client = await app.ConnectAsync();

        var me = await client.Hub.InvokeAsync<SignedInUser>(nameof(IDashboardHub.WhoAmI)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((DashboardApp.UserName, "Token", "operator"), (me.Name, me.Mode, me.Role));
        Assert.Equal(["*/*/*"], me.OperatorOf);
    }

    [Fact]
    public async Task Page_NotSignedIn_Is401SayingHowToGetTheLink()
    {
        using var app = new DashboardApp();
        using var http = Browser(app, new CookieContainer());

        var page = await http.SendAsync(Page("/")).WaitAsync(TimeSpan.FromSeconds(60));
        var body = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains("sign-in link the server printed", body, StringComparison.Ordinal);
        Assert.DoesNotContain("blazor.web.js", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_RightToken_SetsStrictHttpOnlyCookie_ThenAppAndApiWork()
    {
        using var app = new DashboardApp();
        var cookies = new CookieContainer();
        using var http = Browser(app, cookies);

        var login = await http.SendAsync(Page($"/login?t={DashboardApp.Token}")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
        var setCookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("rollout.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase); // http here

        var page = await http.SendAsync(Page("/")).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("blazor.web.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await http.GetAsync(new Uri("/api/updates", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Theory]
    [InlineData("&returnUrl=https://evil.com")]
    [InlineData("&ReturnUrl=//evil.com")]
    [InlineData("&returnUrl=/\\evil.com")]
    [InlineData("&redirect_uri=https://evil.com&next=//evil.com")]
    public async Task Login_RedirectTargetInTheRequest_AlwaysLandsOnRoot(string attempt)
    {
        using var app = new DashboardApp();
        using var http = Browser(app, new CookieContainer());

        var login = await http.SendAsync(Page($"/login?t={DashboardApp.Token}{attempt}")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?t=")]
    [InlineData("?t=wrong-token-0123456789abcdef")]
    public async Task Login_WrongToken_Is401WithGuidanceAndNoCookie(string query)
    {
        using var app = new DashboardApp();
        var cookies = new CookieContainer();
        using var http = Browser(app, cookies);

        var login = await http.SendAsync(Page($"/login{query}")).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("not (or no longer) valid", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(cookies.GetAllCookies());
    }

    [Fact]
    public async Task Cookie_FromAnotherToken_NoLongerSignsIn()
    {
        var cookies = new CookieContainer();
        using (var first = new DashboardApp(("Dashboard:Auth:Token", "first-token-0123456789abcdef")))
        {
            using var http = Browser(first, cookies);
            await http.SendAsync(Page("/login?t=first-token-0123456789abcdef")).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Single(cookies.GetAllCookies());
        }

        // Same data-protection keys (same machine), new token: the old session must not survive it.
        using var second = new DashboardApp(("Dashboard:Auth:Token", "second-token-0123456789abcdef"));
        using var again = Browser(second, new CookieContainer());
        var cookie = cookies.GetAllCookies().Single();
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/updates", UriKind.Relative));
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");

        var api = await again.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
