using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Server.Audit;

/// <summary>
/// Decides from an update's status history whether a command whose outcome was unknown took effect:
/// a change to the status the command leads to, by the same user with the same message, at or after
/// the time it was sent.
/// </summary>
public static class AuditReconciler
{
    /// <summary>
    /// The send time is the scheduler's clock as estimated from its newest event, which lags rather
    /// than leads; a few seconds of slack cover a scheduler whose clock runs slightly behind ours.
    /// </summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(5);

    public static AuditApplied? Applied(AuditEntry entry, IReadOnlyList<StatusChangeView> history)
    {
        if (!entry.Unresolved) return null;
        var from = entry.Sent.SchedulerAt - ClockSlack;
        foreach (var change in history)
        {
            if (change.Timestamp >= from && Shows(entry.Command, change.Status)
                && string.Equals(change.User, entry.User, StringComparison.Ordinal)
                && string.Equals(change.Message, entry.Message, StringComparison.Ordinal))
            {
                return new AuditApplied(change.Timestamp, change.Status);
            }
        }

        return null;
    }

    /// <summary>Whether an update entering <paramref name="status"/> is what <paramref name="command"/> does.</summary>
    public static bool Shows(ControlCommand command, UpdateStatus status) => command switch
    {
        ControlCommand.Pause => status.IsPaused(),
        ControlCommand.Resume => status.IsRolling() || status.IsAwaitingPulse(), // a coordinated update may wait for a pulse
        ControlCommand.Abort => status == UpdateStatus.Aborted,
        _ => false,
    };
}
