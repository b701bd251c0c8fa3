using System.Security.Claims;

namespace Rollout.Server.Security;

/// <summary>
/// A signed-in user as permissions see it: the name (the identity's name claim: ours, or the
/// provider's <c>NameClaim</c>), the roles (the identity's role claim type) and how it signed in.
/// </summary>
public sealed record DashboardIdentity(string Name, string AuthenticationType, IReadOnlyList<string> Roles)
{
    /// <summary>Null for anyone not signed in.</summary>
    public static DashboardIdentity? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not ClaimsIdentity { IsAuthenticated: true } identity) return null;
        var roles = identity.FindAll(identity.RoleClaimType).Select(c => c.Value).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return new DashboardIdentity(identity.Name ?? string.Empty, identity.AuthenticationType ?? string.Empty, roles);
    }
}
