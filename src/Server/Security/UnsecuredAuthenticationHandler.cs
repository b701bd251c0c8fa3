using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Rollout.Server.Security;

/// <summary>Unsecured mode (loopback only): everyone is the same operator, "anonymous" unless Dashboard:Auth:UserName says otherwise.</summary>
public sealed class UnsecuredAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<DashboardAuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Anonymous = "anonymous";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var name = auth.Value.UserName is { Length: > 0 } configured ? configured : Anonymous;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], DashboardSchemes.Unsecured, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), DashboardSchemes.Unsecured)));
    }
}
