using Rollout.Domain.Model;

namespace Rollout.Domain.Updates;

public enum ControlOutcome
{
    Ok,
    InvalidRequest,
    AuthFailed,

    /// <summary>The scheduler could not be reached; nothing was changed (dashboard side only).</summary>
    UpstreamUnavailable,

    /// <summary>The signed-in user may not do this to this job; refused before the scheduler (dashboard side only).</summary>
    Denied,

    /// <summary>
    /// Sent, but no answer came (a timeout, a dropped connection): the scheduler may or may not have
    /// applied it. The event stream tells (dashboard side only).
    /// </summary>
    OutcomeUnknown,
}

public enum ControlCommand
{
    Pause,
    Resume,
    Abort,
}

/// <summary>Pause, resume or abort <paramref name="Update"/>, asked by <paramref name="User"/> with a reason.</summary>
public sealed record ControlRequest(UpdateKey Update, string User, string Message);

/// <summary>The typed answer to pause/resume/abort; <paramref name="Status"/> is the update's status afterwards.</summary>
public sealed record ControlResult(ControlOutcome Outcome, string Reason, UpdateStatus? Status)
{
    public static ControlResult Ok(UpdateStatus status) => new(ControlOutcome.Ok, string.Empty, status);

    public static ControlResult Invalid(string reason, UpdateStatus? status = null) => new(ControlOutcome.InvalidRequest, reason, status);

    public static ControlResult AuthFailed(string reason) => new(ControlOutcome.AuthFailed, reason, null);

    public static ControlResult Unavailable(string reason) => new(ControlOutcome.UpstreamUnavailable, reason, null);

    public static ControlResult Denied(string reason) => new(ControlOutcome.Denied, reason, null);

    public static ControlResult Unknown(string reason) => new(ControlOutcome.OutcomeUnknown, reason, null);
}

public enum PulseOutcome
{
    Ok,
    Finished,
    InvalidRequest,
}

public sealed record PulseResult(PulseOutcome Outcome, string Reason);

/// <summary>One update as a list shows it.</summary>
public sealed record UpdateSummary(
    UpdateKey Key,
    UpdateStatus Status,
    string User,
    DetectionStrategy DetectionStrategy,
    int InstanceCount,
    int UpdatedCount,
    int FailedCount,
    DateTimeOffset Created,
    DateTimeOffset LastModified);

/// <summary>An update's start, status history and instance events.</summary>
public sealed record UpdateDetails(
    UpdateSummary Summary,
    Events.UpdateStarted Started,
    IReadOnlyList<Events.UpdateStatusChanged> UpdateEvents,
    IReadOnlyList<Events.InstanceActionRecorded> InstanceEvents);
