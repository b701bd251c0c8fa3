using Rollout.Domain.Model;

namespace Rollout.Domain.Updates;

/// <summary>
/// Aurora's JobUpdateStateMachine: the allowed transitions, the updater action per status, and the
/// pause, resume, block (pulse expired) and unblock (pulse received) maps. A null target means Aurora's
/// map has no entry, so Aurora refuses the change ("Cannot transition update from X to null").
/// A target equal to the current status is a silent success.
/// </summary>
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
        [
            UpdateStatus.RollingBack, UpdateStatus.RollingForward, UpdateStatus.RollForwardAwaitingPulse,
            UpdateStatus.Aborted, UpdateStatus.Error,
        ],
        [UpdateStatus.RollBackPaused] =
            [UpdateStatus.RollingBack, UpdateStatus.RollBackAwaitingPulse, UpdateStatus.Aborted, UpdateStatus.Error],
        [UpdateStatus.RollForwardAwaitingPulse] =
        [
            UpdateStatus.RollingBack, UpdateStatus.RollingForward, UpdateStatus.RollForwardPaused,
            UpdateStatus.Aborted, UpdateStatus.Error,
        ],
        [UpdateStatus.RollBackAwaitingPulse] =
            [UpdateStatus.RollingBack, UpdateStatus.RollBackPaused, UpdateStatus.Aborted, UpdateStatus.Error],
    };

    public static bool IsAllowed(UpdateStatus from, UpdateStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>Aurora's getActionForStatus: only the two rolling states drive instances.</summary>
    public static UpdaterAction ActionForStatus(UpdateStatus status) => status switch
    {
        UpdateStatus.RollingForward => UpdaterAction.RollForward,
        UpdateStatus.RollingBack => UpdaterAction.RollBack,
        _ => UpdaterAction.StopWatching,
    };

    /// <summary>Aurora's PAUSE_BEHAVIOR: rolling and awaiting states pause; paused states stay. Null: not allowed.</summary>
    public static UpdateStatus? PauseTarget(UpdateStatus status) => status switch
    {
        UpdateStatus.RollingForward or UpdateStatus.RollForwardAwaitingPulse or UpdateStatus.RollForwardPaused
            => UpdateStatus.RollForwardPaused,
        UpdateStatus.RollingBack or UpdateStatus.RollBackAwaitingPulse or UpdateStatus.RollBackPaused
            => UpdateStatus.RollBackPaused,
        _ => null,
    };

    /// <summary>
    /// Aurora's resume: RESUME_BLOCKED_BEHAVIOR when the update is coordinated and its pulse has expired,
    /// RESUME_ACTIVE_BEHAVIOR otherwise. Expired: paused states await a pulse, awaiting states stay, rolling
    /// states are refused. Not expired: paused states roll, rolling states stay, awaiting states are refused
    /// (Aurora has no entry for them; a pulse, not a resume, unblocks them). Null: not allowed.
    /// </summary>
    public static UpdateStatus? ResumeTarget(UpdateStatus status, bool pulseExpired) => pulseExpired
        ? status switch
        {
            UpdateStatus.RollForwardPaused or UpdateStatus.RollForwardAwaitingPulse => UpdateStatus.RollForwardAwaitingPulse,
            UpdateStatus.RollBackPaused or UpdateStatus.RollBackAwaitingPulse => UpdateStatus.RollBackAwaitingPulse,
            _ => null,
        }
        : status switch
        {
            UpdateStatus.RollForwardPaused or UpdateStatus.RollingForward => UpdateStatus.RollingForward,
            UpdateStatus.RollBackPaused or UpdateStatus.RollingBack => UpdateStatus.RollingBack,
            _ => null,
        };

    /// <summary>Aurora's BLOCK_BEHAVIOR (an expired pulse): rolling states await a pulse; awaiting states stay. Null: not allowed.</summary>
    public static UpdateStatus? BlockTarget(UpdateStatus status) => status switch
    {
        UpdateStatus.RollingForward or UpdateStatus.RollForwardAwaitingPulse => UpdateStatus.RollForwardAwaitingPulse,
        UpdateStatus.RollingBack or UpdateStatus.RollBackAwaitingPulse => UpdateStatus.RollBackAwaitingPulse,
        _ => null,
    };

    /// <summary>
    /// Aurora's UNBLOCK_BEHAVIOR (a pulse): awaiting states roll; rolling and paused states stay. Aurora has no
    /// entry for the terminal states (a finished update answers a pulse with FINISHED before this is asked);
    /// here they stay too, which is the same outcome: nothing changes.
    /// </summary>
    public static UpdateStatus UnblockTarget(UpdateStatus status) => status switch
    {
        UpdateStatus.RollForwardAwaitingPulse => UpdateStatus.RollingForward,
        UpdateStatus.RollBackAwaitingPulse => UpdateStatus.RollingBack,
        _ => status,
    };

    /// <summary>Abort is allowed from any active state.</summary>
    public static bool CanAbort(UpdateStatus status) => status.IsActive();
}
