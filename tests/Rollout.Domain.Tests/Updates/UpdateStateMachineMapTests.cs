using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Domain.Tests.Updates;

/// <summary>Every status through each of Aurora's JobUpdateStateMachine maps (JobUpdateStateMachine.java); null: no entry.</summary>
public class UpdateStateMachineMapTests
{
    private const UpdateStatus Rf = UpdateStatus.RollingForward;
    private const UpdateStatus Rb = UpdateStatus.RollingBack;
    private const UpdateStatus Rfp = UpdateStatus.RollForwardPaused;
    private const UpdateStatus Rbp = UpdateStatus.RollBackPaused;
    private const UpdateStatus Rfa = UpdateStatus.RollForwardAwaitingPulse;
    private const UpdateStatus Rba = UpdateStatus.RollBackAwaitingPulse;

    public static TheoryData<UpdateStatus> AllStatuses() => new(Enum.GetValues<UpdateStatus>());

    private static UpdateStatus? Lookup(Dictionary<UpdateStatus, UpdateStatus> map, UpdateStatus status) =>
        map.TryGetValue(status, out var to) ? to : null;

    // Aurora: JobUpdateStateMachine.PAUSE_BEHAVIOR / getPausedState / GET_PAUSE_STATE
    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void PauseTarget_EveryStatus_MatchesAuroraPauseBehavior(UpdateStatus status)
    {
        var aurora = new Dictionary<UpdateStatus, UpdateStatus> { [Rf] = Rfp, [Rb] = Rbp, [Rfa] = Rfp, [Rba] = Rbp, [Rfp] = Rfp, [Rbp] = Rbp };
        Assert.Equal(Lookup(aurora, status), UpdateStateMachine.PauseTarget(status));
    }

    // Aurora: JobUpdateStateMachine.RESUME_ACTIVE_BEHAVIOR / GET_ACTIVE_RESUME_STATE (pulse fresh or not coordinated)
    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void ResumeTarget_PulseNotExpired_MatchesAuroraResumeActiveBehavior(UpdateStatus status)
    {
        var aurora = new Dictionary<UpdateStatus, UpdateStatus> { [Rfp] = Rf, [Rbp] = Rb, [Rf] = Rf, [Rb] = Rb };
        Assert.Equal(Lookup(aurora, status), UpdateStateMachine.ResumeTarget(status, pulseExpired: false));
    }

    // Aurora: JobUpdateStateMachine.RESUME_BLOCKED_BEHAVIOR / GET_BLOCKED_RESUME_STATE (coordinated, pulse expired)
    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void ResumeTarget_PulseExpired_MatchesAuroraResumeBlockedBehavior(UpdateStatus status)
    {
        var aurora = new Dictionary<UpdateStatus, UpdateStatus> { [Rfp] = Rfa, [Rbp] = Rba, [Rfa] = Rfa, [Rba] = Rba };
        Assert.Equal(Lookup(aurora, status), UpdateStateMachine.ResumeTarget(status, pulseExpired: true));
    }

    // Aurora: JobUpdateStateMachine.BLOCK_BEHAVIOR / getBlockedState
    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void BlockTarget_EveryStatus_MatchesAuroraBlockBehavior(UpdateStatus status)
    {
        var aurora = new Dictionary<UpdateStatus, UpdateStatus> { [Rf] = Rfa, [Rb] = Rba, [Rfa] = Rfa, [Rba] = Rba };
        Assert.Equal(Lookup(aurora, status), UpdateStateMachine.BlockTarget(status));
    }

    // Aurora: JobUpdateStateMachine.UNBLOCK_BEHAVIOR / GET_UNBLOCKED_STATE. Aurora has no entry for terminal
    // statuses (its pulse answers FINISHED first); here they map to themselves: nothing changes either way.
    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void UnblockTarget_EveryStatus_MatchesAuroraUnblockBehavior(UpdateStatus status)
    {
        var aurora = new Dictionary<UpdateStatus, UpdateStatus> { [Rfa] = Rf, [Rba] = Rb, [Rf] = Rf, [Rb] = Rb, [Rfp] = Rfp, [Rbp] = Rbp };
        Assert.Equal(Lookup(aurora, status) ?? status, UpdateStateMachine.UnblockTarget(status));
    }

    // Aurora: JobUpdateStateMachine.ACTIONS / getActionForStatus
    [Theory]
    [MemberData(nameof(AllStatuses))]
    public void ActionForStatus_EveryStatus_MatchesAuroraActions(UpdateStatus status)
    {
        var expected = status switch
        {
            Rf => UpdaterAction.RollForward,
            Rb => UpdaterAction.RollBack,
            _ => UpdaterAction.StopWatching,
        };
        Assert.Equal(expected, UpdateStateMachine.ActionForStatus(status));
    }

    // Aurora: JobUpdateControllerImpl.resume (JobUpdateControllerImpl.java): with a fresh pulse an awaiting update
    // has no RESUME_ACTIVE_BEHAVIOR entry, and with an expired pulse a rolling one has no RESUME_BLOCKED_BEHAVIOR entry.
    [Theory]
    [InlineData(Rfa, false)]
    [InlineData(Rba, false)]
    [InlineData(Rf, true)]
    [InlineData(Rb, true)]
    public void ResumeTarget_AwaitingWithFreshPulseOrRollingWithExpiredPulse_IsRefused(UpdateStatus status, bool pulseExpired)
    {
        Assert.Null(UpdateStateMachine.ResumeTarget(status, pulseExpired));
    }
}
