using System.Security.Claims;
using Microsoft.Extensions.Options;
using Rollout.Server.Security;

namespace Rollout.Server.Tests.Security;

/// <summary>Principals as each sign-in path makes them, and options as configuration binds them.</summary>
internal static class Identities
{
    /// <summary>As the OpenID Connect handler builds it: name and role claim types from the options.</summary>
    public static ClaimsPrincipal Provider(string name, params string[] roles) => new(new ClaimsIdentity(
        [new Claim("preferred_username", name), .. roles.Select(r => new Claim("roles", r))], "AuthenticationTypes.Federation", "preferred_username", "roles"));

    public static ClaimsPrincipal Own(string scheme, string name) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], scheme, ClaimTypes.Name, ClaimTypes.Role));

    public static IOptions<DashboardAuthOptions> Options(AuthMode mode, params OperatorGrant[] grants) =>
        Microsoft.Extensions.Options.Options.Create(new DashboardAuthOptions { Mode = mode.ToString(), Operators = [.. grants] });

    public static OperatorGrant Role(string role, params string[] jobs) => new() { Role = role, Jobs = [.. jobs] };

    public static OperatorGrant User(string user, params string[] jobs) => new() { User = user, Jobs = [.. jobs] };
}
