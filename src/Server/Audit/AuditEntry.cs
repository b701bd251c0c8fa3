using Rollout.Domain.Audit;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Server.Audit;

/// <summary>When a command arrived: on our clock (shown) and on the scheduler's, as estimated (to reconcile against its history).</summary>
public readonly record struct AuditStamp(DateTimeOffset At, DateTimeOffset SchedulerAt);

/// <summary>One recorded command. <see cref="Id"/> is 0 until it is written.</summary>
public sealed record AuditEntry(
    long Id,
    AuditStamp Sent,
    string User,
    ControlCommand Command,
    string UpdateKey,
    string Message,
    ControlResult Result,
    DateTimeOffset? AppliedAt = null)
{
    public bool Unresolved => Result.Outcome == ControlOutcome.OutcomeUnknown && AppliedAt is null;

    public AuditEntryView ToView() =>
        new(Id, Sent.At, User, Command, UpdateKey, Message, Result.Outcome, Result.Reason, Result.Status, AppliedAt);
}

/// <summary>The effect of a command whose outcome was unknown, as the event stream showed it.</summary>
public sealed record AuditApplied(DateTimeOffset At, UpdateStatus Status);
