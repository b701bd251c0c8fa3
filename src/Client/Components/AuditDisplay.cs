using Rollout.Domain.Audit;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Client.Components;

/// <summary>Words for an audited command's result, shared by the audit panel and the command report.</summary>
public static class AuditDisplay
{
    public const string Unknown = "outcome unknown: the scheduler may have applied it; watch the history";

    public static string Result(AuditEntryView entry) => Result(entry.Outcome, entry.Reason, entry.Status, entry.AppliedAt);

    /// <param name="zone">The viewer's zone, for the time an unknown outcome was seen applied (UTC when not given).</param>
    public static string Result(AuditEntryView entry, TimeZoneInfo zone) => Result(entry.Outcome, entry.Reason, entry.Status, entry.AppliedAt, zone);

    public static string Result(ControlOutcome outcome, string reason, UpdateStatus? status, DateTimeOffset? appliedAt, TimeZoneInfo? zone = null) => outcome switch
    {
        ControlOutcome.Ok => status is { } s ? $"OK, {s.WireName()}" : "OK",
        ControlOutcome.InvalidRequest => $"INVALID_REQUEST: {reason}",
        ControlOutcome.AuthFailed => $"AUTH_FAILED: {reason}",
        ControlOutcome.Denied => $"denied: {reason}",
        ControlOutcome.UpstreamUnavailable => $"not sent, nothing was changed: {reason}",
        ControlOutcome.OutcomeUnknown when appliedAt is { } at => $"applied (seen in the stream at {TimeText.Local(at, zone ?? TimeZoneInfo.Utc)})",
        ControlOutcome.OutcomeUnknown => reason.Length > 0 ? $"{Unknown} ({reason})" : Unknown,
        _ => $"{outcome}: {reason}",
    };

    /// <summary>The time of day in UTC, for logs and tests; the page shows times through <see cref="LocalTime"/>.</summary>
    public static string Time(DateTimeOffset at) => TimeText.Local(at, TimeZoneInfo.Utc);

    public static string Command(ControlCommand command) => command.ToString().ToLowerInvariant();
}
