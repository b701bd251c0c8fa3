using Rollout.Domain.Model;

namespace Rollout.Domain.Dashboard;

/// <summary>
/// Who the dashboard server says this browser is: the name commands go upstream under, how it
/// signed in (Token, OpenIdConnect, Unsecured) and the jobs it may operate (globs; empty: a viewer).
/// The server decides again on every command; this only lets the UI explain up front.
/// </summary>
public sealed record SignedInUser(string Name, string Mode, IReadOnlyList<string> OperatorOf)
{
    public const string Unsecured = "Unsecured";

    public bool IsOperator => OperatorOf.Count > 0;

    public string Role => IsOperator ? "operator" : "viewer";

    public bool CanOperate(JobKey job) => OperatorOf.Any(p => JobPattern.Matches(p, job));
}
