using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Server.Audit;

/// <summary>GET /api/audit?update=role/env/name%23id[&amp;limit=N]: one update's commands, newest first.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/audit", (string? update, int? limit, AuditTrail audit) =>
        {
            if (update is not { Length: > 0 and <= 1024 } || DashboardKeys.Parse(update) is not { } key)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                    title: "update must be an update key role/env/name#id, with # written %23",
                    detail: $"was '{Short(update)}'");
            }

            if (limit is < 1)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"limit must be within [1, {AuditTrail.MaxLimit}]");
            return Results.Ok(audit.List(DashboardKeys.Of(key), Math.Min(limit ?? AuditTrail.DefaultLimit, AuditTrail.MaxLimit)).Select(Api).ToArray());
        }).RequireAuthorization(Security.DashboardPolicies.Viewer);
        return endpoints;
    }

    private static ApiAuditEntry Api(AuditEntry e) => new(
        e.Id, e.Sent.At, e.User, ScreamingSnake(e.Command.ToString()), e.UpdateKey, e.Message,
        ScreamingSnake(e.Result.Outcome.ToString()), e.Result.Reason, e.Result.Status?.WireName(), e.AppliedAt);

    private static string Short(string? text) => LogText.Escape(text is { Length: > 80 } ? text[..80] + "…" : text);

    private static string ScreamingSnake(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}

/// <summary>One audit entry in the JSON API (a stable contract for scripts).</summary>
/// <param name="AppliedAt">For OUTCOME_UNKNOWN: when the event stream showed the command's effect (scheduler clock).</param>
public sealed record ApiAuditEntry(
    long Id,
    DateTimeOffset At,
    string User,
    string Command,
    string UpdateKey,
    string Message,
    string Outcome,
    string Reason,
    string? Status,
    DateTimeOffset? AppliedAt);
