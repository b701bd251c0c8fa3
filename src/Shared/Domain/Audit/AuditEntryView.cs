using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Domain.Audit;

/// <summary>
/// One operator command as the audit recorded it. Text is stored as received (bounded), so show it
/// through <see cref="LogText.Escape"/>.
/// </summary>
/// <param name="At">When the dashboard received the command (its own clock).</param>
/// <param name="UpdateKey">"role/env/name#id"; for a malformed key, the text that was sent.</param>
/// <param name="Status">The update's status afterwards, when the scheduler said.</param>
/// <param name="AppliedAt">
/// For an outcome that was unknown: when the scheduler's event stream showed the command's effect
/// (scheduler clock); null while it has not.
/// </param>
public sealed record AuditEntryView(
    long Id,
    DateTimeOffset At,
    string User,
    ControlCommand Command,
    string UpdateKey,
    string Message,
    ControlOutcome Outcome,
    string Reason,
    UpdateStatus? Status,
    DateTimeOffset? AppliedAt);
