using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rollout.Server.Security;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// Several operators signed in to one dashboard at once. The dashboard runs in OpenIdConnect mode
/// with an operator grant per name; each browser presents a token of its own that a stand-in for the
/// provider's sign-in turns into the identity the provider's handler would make (name claim
/// <c>preferred_username</c>), so permissions and audit see distinct provider users.
/// </summary>
internal static class Operators
{
    private const string Scheme = "Test.ProviderUsers";
    private const string Prefix = "provider-user-";

    /// <summary>The token <paramref name="user"/>'s browser presents.</summary>
    public static string TokenOf(string user) => Prefix + user;

    /// <summary>A dashboard on <paramref name="upstream"/> (empty: the embedded emulator) where each of <paramref name="users"/> operates every job.</summary>
    public static DashboardApp App(string upstream, string[] users, params (string Key, string Value)[] more) => new(
        b => b.ConfigureTestServices(SignInByToken),
        [
            ("Dashboard:Auth:Mode", "OpenIdConnect"),
            ("Dashboard:Auth:Authority", "http://127.0.0.1:9"), // never contacted: no browser challenge happens here
            ("Dashboard:Auth:ClientId", "rollout-dashboard"),
            ("Dashboard:Auth:ClientSecret", "not-a-real-secret"),
            .. users.Select((u, i) => ($"Dashboard:Auth:Operators:{i}:User", u)),
            .. upstream.Length > 0 ? [("Upstream:Address", upstream)] : Array.Empty<(string, string)>(),
            .. more,
        ]);

    private static void SignInByToken(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ProviderUserHandler>(Scheme, null);
        services.PostConfigure<PolicySchemeOptions>(DashboardSchemes.Default, o =>
        {
            var dashboard = o.ForwardDefaultSelector!;
            o.ForwardDefaultSelector = context =>
                TokenAuthenticationHandler.Presented(context.Request)?.StartsWith(Prefix, StringComparison.Ordinal) == true ? Scheme : dashboard(context);
        });
    }

    private sealed class ProviderUserHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var name = TokenAuthenticationHandler.Presented(Request)![Prefix.Length..];
            var identity = new ClaimsIdentity([new Claim("preferred_username", name)], "AuthenticationTypes.Federation", "preferred_username", "roles");
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
