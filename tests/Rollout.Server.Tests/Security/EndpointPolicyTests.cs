using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Rollout.Domain.Dashboard;
using Rollout.Server.Hubs;
using Rollout.Server.Security;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Security;

/// <summary>Nothing reachable without a policy, save what must be: a new endpoint or hub method without one fails here.</summary>
public class EndpointPolicyTests
{
    [Fact]
    public void HubMethods_EveryOneCarriesAPolicy()
    {
        var classPolicy = typeof(DashboardHub).GetCustomAttribute<AuthorizeAttribute>()?.Policy;
        var methods = typeof(DashboardHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        Assert.Equal(typeof(IDashboardHub).GetMethods().Select(m => m.Name).Order(), methods.Select(m => m.Name).Order());
        foreach (var method in methods)
        {
            Assert.Null(method.GetCustomAttribute<AllowAnonymousAttribute>());
            var policy = method.GetCustomAttribute<AuthorizeAttribute>()?.Policy ?? classPolicy;
            Assert.True(policy == DashboardPolicies.Viewer, $"{method.Name} has no policy");
        }
    }

    [Fact]
    public void Endpoints_EveryOneCarriesAPolicy_ExceptTheJustifiedAnonymousOnes()
    {
        using var app = new DashboardApp();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var unprotected = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText ?? string.Empty;
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (anonymous)
            {
                if (!JustifiedAnonymous(endpoint)) unprotected.Add($"anonymous: {route} ({endpoint.DisplayName})");
            }
            else if (!policies.Contains(DashboardPolicies.Viewer) && !CoveredByFallbackPolicy(endpoint))
            {
                unprotected.Add($"no policy: {route} ({endpoint.DisplayName})");
            }
        }

        Assert.True(unprotected.Count == 0, string.Join(Environment.NewLine, unprotected));
        var fallback = app.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value.FallbackPolicy;
        Assert.Contains(fallback!.Requirements, r => r is DenyAnonymousAuthorizationRequirement);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/api/updates");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == DashboardHubRoute.Path);
    }

    /// <summary>
    /// Framework endpoints mapped past the conventions (Blazor's resource list, the development-time
    /// static file fallback): the fallback policy, asserted above, makes them need a sign-in too.
    /// </summary>
    private static bool CoveredByFallbackPolicy(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0
        && ((endpoint.RoutePattern.RawText ?? string.Empty).StartsWith("_framework/resource-collection.", StringComparison.Ordinal)
            || endpoint.Metadata.Any(m => m.GetType().Name == "FallbackMetadata" && endpoint.RoutePattern.RawText == "{**path:file}"));

    [Theory]
    [InlineData("/_framework/resource-collection.js")]
    [InlineData("/api/updates")]
    [InlineData("/healthz")]
    [InlineData("/updates/payments/prod/api/api-1")]
    [InlineData("/no-such-page")]
    public async Task Get_WithoutSignIn_Is401(string path)
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp(token: null);

        var response = await http.GetAsync(new Uri(path, UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Livez_WithoutSignIn_AnswersOkAndNothingElse()
    {
        using var app = new DashboardApp();
        using var http = app.CreateHttp(token: null);

        var response = await http.GetAsync(new Uri("/livez", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>
    /// The only anonymous endpoints: the login link (how one signs in; it answers a redirect or the
    /// guidance page), the error answer and /livez (fixed documents), and the build's static assets
    /// (framework, libraries, styles, scripts: the same for everyone, no data). The app's pages, the
    /// API, /healthz and the hub all need a sign-in.
    /// </summary>
    private static bool JustifiedAnonymous(RouteEndpoint endpoint) =>
        endpoint.RoutePattern.RawText == LoginEndpoint.Path
        || endpoint.RoutePattern.RawText == Rollout.Server.Edge.ErrorEndpoint.Path // a fixed problem document, no data
        || endpoint.RoutePattern.RawText == Rollout.Server.Api.LivenessEndpoint.Path // "ok" for probes, no data
        || endpoint.Metadata.Any(m => m.GetType().FullName == "Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor");
}
