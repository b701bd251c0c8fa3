namespace Rollout.Server.Security;

public enum AuthMode
{
    /// <summary>A per-process secret, printed at start as a sign-in link; also a Bearer token for scripts.</summary>
    Token,

    /// <summary>Sign-in at an OpenID Connect provider (code flow), then a cookie session.</summary>
    OpenIdConnect,

    /// <summary>No sign-in at all: loopback only, and only when asked for.</summary>
    Unsecured,
}

/// <summary>Who may see and steer rollouts (section "Dashboard:Auth").</summary>
public sealed class DashboardAuthOptions
{
    public const string Section = "Dashboard:Auth";

    /// <summary>Token (default), OpenIdConnect or Unsecured; kept as text so a typo is named at start, not a binder crash.</summary>
    public string Mode { get; set; } = nameof(AuthMode.Token);

    /// <summary>Fixes the sign-in token (tests, scripts); empty: a fresh random one per process. In OpenIdConnect mode it lets scripts in as <see cref="UserName"/>.</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The name token and unsecured users act under; empty: the OS account (token) or "anonymous" (unsecured).</summary>
    public string UserName { get; set; } = string.Empty;

    public string Authority { get; set; } = string.Empty;

    public string ClientId { get; set; } = string.Empty;

    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>The claim that names an OpenID Connect user.</summary>
    public string NameClaim { get; set; } = "preferred_username";

    /// <summary>The claim (one per role, or a JSON array) that carries an OpenID Connect user's roles.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Who operates what; everyone signed in is a viewer. Token and unsecured users operate everything.</summary>
    public List<OperatorGrant> Operators { get; set; } = [];

    public AuthMode ParsedMode => Enum.TryParse<AuthMode>(Mode, ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : AuthMode.Token;
}

/// <summary>Operator rights for a role or one user, on the jobs matching <see cref="Jobs"/> (none listed: every job).</summary>
public sealed class OperatorGrant
{
    public string Role { get; set; } = string.Empty;

    public string User { get; set; } = string.Empty;

    public List<string> Jobs { get; set; } = [];
}
