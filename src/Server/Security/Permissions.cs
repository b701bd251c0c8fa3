using Microsoft.Extensions.Options;
using Rollout.Domain.Model;

namespace Rollout.Server.Security;

/// <summary>
/// Who may operate (pause, resume, abort) which job; everyone signed in may view. Token users (in
/// Token mode) and unsecured users operate everything; anyone else only what a grant gives their
/// name or one of their roles, scoped by job globs as Aurora scopes per-job permissions.
/// </summary>
public sealed class Permissions(IOptions<DashboardAuthOptions> options)
{
    private readonly DashboardAuthOptions _options = options.Value;

    /// <summary>The job globs <paramref name="identity"/> may operate; empty for a viewer.</summary>
    public IReadOnlyList<string> OperatorOf(DashboardIdentity identity)
    {
        // Only our own handlers mint these identities: a provider cannot claim its way into them.
        if (identity.AuthenticationType == DashboardSchemes.Unsecured
            || (identity.AuthenticationType == DashboardSchemes.Token && _options.ParsedMode == AuthMode.Token))
            return [JobPattern.Everything];

        return _options.Operators
            .Where(g => (g.User.Length > 0 && string.Equals(g.User, identity.Name, StringComparison.Ordinal))
                || (g.Role.Length > 0 && identity.Roles.Contains(g.Role, StringComparer.Ordinal)))
            .SelectMany(g => g.Jobs.Count == 0 ? [JobPattern.Everything] : g.Jobs)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    public bool CanOperate(DashboardIdentity identity, JobKey job) => OperatorOf(identity).Any(p => JobPattern.Matches(p, job));
}
