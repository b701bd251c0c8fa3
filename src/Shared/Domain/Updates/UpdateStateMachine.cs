using Rollout.Domain.Model;

namespace Rollout.Domain.Updates;

/// <summary>Aurora's JobUpdateStateMachine: allowed transitions and the pause/resume/pulse behaviours.</summary>
public static class UpdateStateMachine
{
    private static readonly Dictionary<UpdateStatus, UpdateStatus[]> Allowed = new()
    {
        [UpdateStatus.RollingForward] =
        [
            UpdateStatus.RollingBack, UpdateStatus.RollForwardPaused, UpdateStatus.RollForwardAwaitingPulse,
            UpdateStatus.RolledForward, UpdateStatus.Aborted, UpdateStatus.Failed, UpdateStatus.Error,
        ],
        [UpdateStatus.RollingBack] =
        [
            UpdateStatus.RollBackPaused, UpdateStatus.RollBackAwaitingPulse, UpdateStatus.RolledBack,
            UpdateStatus.Aborted, UpdateStatus.Error, UpdateStatus.Failed,
        ],
        [UpdateStatus.RollForwardPaused] =
            [UpdateStatus.RollingForward, UpdateStatus.RollForwardAwaitingPulse, UpdateStatus.Aborted, UpdateStatus.Error],
        [UpdateStatus.RollBackPaused] =
            [UpdateStatus.RollingBack, UpdateStatus.RollBackAwaitingPulse, UpdateStatus.Aborted, UpdateStatus.Error],
        [UpdateStatus.RollForwardAwaitingPulse] =
            [UpdateStatus.RollingForward, UpdateStatus.RollForwardPaused, UpdateStatus.Aborted, UpdateStatus.Error],
        [UpdateStatus.RollBackAwaitingPulse] =
            [UpdateStatus.RollingBack, UpdateStatus.RollBackPaused, UpdateStatus.Aborted, UpdateStatus.Error],
    };

    public static bool IsAllowed(UpdateStatus from, UpdateStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>Where pause leads; the paused states map to themselves (a silent success). Null: not allowed.</summary>
    public static UpdateStatus? PauseTarget(UpdateStatus status) => status switch
    {
        UpdateStatus.RollingForward or UpdateStatus.RollForwardAwaitingPulse or UpdateStatus.RollForwardPaused
            => UpdateStatus.RollForwardPaused,
        UpdateStatus.RollingBack or UpdateStatus.RollBackAwaitingPulse or UpdateStatus.RollBackPaused
            => UpdateStatus.RollBackPaused,
        _ => null,
    };

    /// <summary>
    /// Where resume leads. A coordinated update whose pulse has expired waits for a pulse instead.
    /// The rolling and awaiting states map to themselves (a silent success). Null: not allowed.
    /// </summary>
    public static UpdateStatus? ResumeTarget(UpdateStatus status, bool pulseExpired) => status switch
    {
        UpdateStatus.RollForwardPaused => pulseExpired ? UpdateStatus.RollForwardAwaitingPulse : UpdateStatus.RollingForward,
        UpdateStatus.RollBackPaused => pulseExpired ? UpdateStatus.RollBackAwaitingPulse : UpdateStatus.RollingBack,
        UpdateStatus.RollingForward or UpdateStatus.RollingBack
            or UpdateStatus.RollForwardAwaitingPulse or UpdateStatus.RollBackAwaitingPulse => status,
        _ => null,
    };

    /// <summary>Where an expired pulse leads; only rolling states block.</summary>
    public static UpdateStatus? BlockTarget(UpdateStatus status) => status switch
    {
        UpdateStatus.RollingForward => UpdateStatus.RollForwardAwaitingPulse,
        UpdateStatus.RollingBack => UpdateStatus.RollBackAwaitingPulse,
        _ => null,
    };

    /// <summary>Where a pulse leads from an awaiting state; other states are unchanged.</summary>
    public static UpdateStatus UnblockTarget(UpdateStatus status) => status switch
    {
        UpdateStatus.RollForwardAwaitingPulse => UpdateStatus.RollingForward,
        UpdateStatus.RollBackAwaitingPulse => UpdateStatus.RollingBack,
        _ => status,
    };

    /// <summary>Abort is allowed from any active state.</summary>
    public static bool CanAbort(UpdateStatus status) => status.IsActive();
}
