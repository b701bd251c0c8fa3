using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rollout.Server.Security;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Security;

public class OpenIdConnectTests
{
    private static DashboardApp App(string authority) => new(
        ("Dashboard:Auth:Mode", "OpenIdConnect"),
        ("Dashboard:Auth:Authority", authority),
        ("Dashboard:Auth:ClientId", "rollout-dashboard"),
        ("Dashboard:Auth:ClientSecret", "not-a-real-secret"),
        ("Dashboard:Auth:Token", ""));

    [Fact]
    public async Task Page_NotSignedIn_ChallengedToTheProvidersAuthorizeEndpointWithCodeFlow()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        using var app = App(provider.Authority);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        var page = await http.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = page.Headers.Location!.ToString();
        Assert.StartsWith($"{provider.Authority}/authorize?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=rollout-dashboard", location, StringComparison.Ordinal);
        Assert.Contains("response_type=code", location, StringComparison.Ordinal);
        Assert.Contains("code_challenge=", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_NotSignedIn_401NotARedirect()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        using var app = App(provider.Authority);
        using var http = app.CreateHttp(token: null);

        var api = await http.GetAsync(new Uri("/api/updates", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Api_TokenNotConfigured_NoTokenOpensIt()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        using var app = App(provider.Authority);
        using var http = app.CreateHttp(app.Services.GetRequiredService<AccessToken>().Value);

        var api = await http.GetAsync(new Uri("/api/updates", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public void Options_NameAndRolesFromConfiguredClaims_CodeFlowWithPkce()
    {
        using var app = new DashboardApp(
            ("Dashboard:Auth:Mode", "OpenIdConnect"), ("Dashboard:Auth:Authority", "https://idp.example.com/realms/ops"),
            ("Dashboard:Auth:ClientId", "rollout-dashboard"), ("Dashboard:Auth:ClientSecret", "s"),
            ("Dashboard:Auth:NameClaim", "email"), ("Dashboard:Auth:RoleClaim", "groups"));

        var options = app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(DashboardSchemes.OpenIdConnect);

        Assert.Equal(("email", "groups"), (options.TokenValidationParameters.NameClaimType, options.TokenValidationParameters.RoleClaimType));
        Assert.Equal(("code", true, false, true), (options.ResponseType, options.UsePkce, options.MapInboundClaims, options.RequireHttpsMetadata));
        Assert.Equal(DashboardSchemes.Cookie, options.SignInScheme);
    }
}
