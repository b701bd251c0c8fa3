using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Rollout.Domain.Dashboard;

namespace Rollout.Server.Security;

/// <summary>
/// The token as "Authorization: Bearer" (scripts, the API, the hub), or as SignalR's access_token
/// query parameter on the hub path only (browsers cannot set headers on WebSockets).
/// </summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessToken token)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Path.StartsWithSegments(DashboardHubRoute.Path) && request.Query.TryGetValue("access_token", out var query) ? query.ToString() : null;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null) return Task.FromResult(AuthenticateResult.NoResult());
        if (!token.Matches(presented)) return Task.FromResult(AuthenticateResult.Fail("the token is not this server's"));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(token.Principal(DashboardSchemes.Token), DashboardSchemes.Token)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
