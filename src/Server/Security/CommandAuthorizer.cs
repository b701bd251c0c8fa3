using System.Security.Claims;
using Microsoft.Extensions.Options;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Server.Security;

/// <summary>The verdict on one command: the name it goes upstream under, or why it may not go at all.</summary>
/// <param name="User">The signed-in name as the audit should record it (also when denied).</param>
public sealed record CommandDecision(string User, ControlResult? Denial)
{
    public bool Allowed => Denial is null;
}

/// <summary>
/// Decides, inside the command path and before anything reaches the scheduler, whether the
/// connection's identity may operate the update's job, and under which name.
/// </summary>
public sealed class CommandAuthorizer(Permissions permissions, IOptions<DashboardAuthOptions> options)
{
    public CommandDecision Decide(ClaimsPrincipal? user, ControlCommand command, UpdateKey update)
    {
        if (DashboardIdentity.From(user) is not { } identity)
            return new CommandDecision(string.Empty, ControlResult.Denied("not signed in"));
        if (!OperatorName.IsValid(identity.Name))
        {
            return new CommandDecision(OperatorName.Sanitize(identity.Name), ControlResult.Denied(
                $"the signed-in name '{Shorten(identity.Name)}' cannot go to the scheduler: it must be 1-{OperatorName.MaxLength} letters, digits or ._@- "
                + $"(set {DashboardAuthOptions.Section}:NameClaim to a claim that holds such a name)"));
        }

        if (!permissions.CanOperate(identity, update.Job))
        {
            return new CommandDecision(identity.Name, ControlResult.Denied(
                $"{identity.Name} may view {update.Job} but not {command.ToString().ToLowerInvariant()} it: that needs the operator role for this job"));
        }

        return new CommandDecision(identity.Name, null);
    }

    /// <summary>What the browser shows and uses to explain disabled controls; the server still decides per command.</summary>
    public SignedInUser Describe(ClaimsPrincipal? user) => DashboardIdentity.From(user) is { } identity
        ? new SignedInUser(identity.Name, options.Value.ParsedMode.ToString(), OperatorName.IsValid(identity.Name) ? permissions.OperatorOf(identity) : [])
        : new SignedInUser(string.Empty, options.Value.ParsedMode.ToString(), []);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
