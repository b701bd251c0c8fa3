namespace Rollout.Server.Security;

/// <summary>Authentication scheme and authorization policy names.</summary>
public static class DashboardSchemes
{
    /// <summary>Picks one of the others per request.</summary>
    public const string Default = "Dashboard";

    public const string Cookie = "Dashboard.Cookie";

    public const string Token = "Dashboard.Token";

    public const string Unsecured = "Dashboard.Unsecured";

    public const string OpenIdConnect = "Dashboard.OpenIdConnect";
}

public static class DashboardPolicies
{
    /// <summary>Anyone signed in: reads. Commands are further checked per job (<see cref="CommandAuthorizer"/>).</summary>
    public const string Viewer = "dashboard-viewer";
}
