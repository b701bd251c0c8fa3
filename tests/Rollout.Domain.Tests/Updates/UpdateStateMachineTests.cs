using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Domain.Tests.Updates;

public class UpdateStateMachineTests
{
    // Aurora's JobUpdateStateMachine.ALLOWED_TRANSITIONS, spelled out by wire name.
    private static readonly HashSet<string> AuroraAllowed =
    [
        "ROLLING_FORWARD->ROLLING_BACK", "ROLLING_FORWARD->ROLL_FORWARD_PAUSED", "ROLLING_FORWARD->ROLL_FORWARD_AWAITING_PULSE",
        "ROLLING_FORWARD->ROLLED_FORWARD", "ROLLING_FORWARD->ABORTED", "ROLLING_FORWARD->FAILED", "ROLLING_FORWARD->ERROR",
        "ROLLING_BACK->ROLL_BACK_PAUSED", "ROLLING_BACK->ROLL_BACK_AWAITING_PULSE", "ROLLING_BACK->ROLLED_BACK",
        "ROLLING_BACK->ABORTED", "ROLLING_BACK->ERROR", "ROLLING_BACK->FAILED",
        "ROLL_FORWARD_PAUSED->ROLLING_FORWARD", "ROLL_FORWARD_PAUSED->ROLL_FORWARD_AWAITING_PULSE",
        "ROLL_FORWARD_PAUSED->ABORTED", "ROLL_FORWARD_PAUSED->ERROR",
        "ROLL_BACK_PAUSED->ROLLING_BACK", "ROLL_BACK_PAUSED->ROLL_BACK_AWAITING_PULSE",
        "ROLL_BACK_PAUSED->ABORTED", "ROLL_BACK_PAUSED->ERROR",
        "ROLL_FORWARD_AWAITING_PULSE->ROLLING_FORWARD", "ROLL_FORWARD_AWAITING_PULSE->ROLL_FORWARD_PAUSED",
        "ROLL_FORWARD_AWAITING_PULSE->ABORTED", "ROLL_FORWARD_AWAITING_PULSE->ERROR",
        "ROLL_BACK_AWAITING_PULSE->ROLLING_BACK", "ROLL_BACK_AWAITING_PULSE->ROLL_BACK_PAUSED",
        "ROLL_BACK_AWAITING_PULSE->ABORTED", "ROLL_BACK_AWAITING_PULSE->ERROR",
    ];

    public static TheoryData<UpdateStatus, UpdateStatus> AllPairs()
    {
        var data = new TheoryData<UpdateStatus, UpdateStatus>();
        foreach (var from in Enum.GetValues<UpdateStatus>())
        {
            foreach (var to in Enum.GetValues<UpdateStatus>()) data.Add(from, to);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void IsAllowed_EveryPair_MatchesAuroraTable(UpdateStatus from, UpdateStatus to)
    {
        Assert.Equal(AuroraAllowed.Contains($"{from.WireName()}->{to.WireName()}"), UpdateStateMachine.IsAllowed(from, to));
    }

    [Fact]
    public void AllPairs_CoverEveryStatus()
    {
        Assert.Equal(11 * 11, AllPairs().Count);
    }

    [Theory]
    [InlineData(UpdateStatus.RollingForward, UpdateStatus.RollForwardPaused)]
    [InlineData(UpdateStatus.RollForwardAwaitingPulse, UpdateStatus.RollForwardPaused)]
    [InlineData(UpdateStatus.RollForwardPaused, UpdateStatus.RollForwardPaused)]
    [InlineData(UpdateStatus.RollingBack, UpdateStatus.RollBackPaused)]
    [InlineData(UpdateStatus.RollBackAwaitingPulse, UpdateStatus.RollBackPaused)]
    public void PauseTarget_ActiveStatus_Pauses(UpdateStatus from, UpdateStatus expected)
    {
        Assert.Equal(expected, UpdateStateMachine.PauseTarget(from));
    }

    [Theory]
    [InlineData(UpdateStatus.RolledForward)]
    [InlineData(UpdateStatus.Aborted)]
    [InlineData(UpdateStatus.Failed)]
    public void Targets_TerminalStatus_AreNotAllowed(UpdateStatus terminal)
    {
        Assert.Null(UpdateStateMachine.PauseTarget(terminal));
        Assert.Null(UpdateStateMachine.ResumeTarget(terminal, pulseExpired: false));
        Assert.False(UpdateStateMachine.CanAbort(terminal));
    }

    [Theory]
    [InlineData(UpdateStatus.RollForwardPaused, false, UpdateStatus.RollingForward)]
    [InlineData(UpdateStatus.RollForwardPaused, true, UpdateStatus.RollForwardAwaitingPulse)]
    [InlineData(UpdateStatus.RollBackPaused, false, UpdateStatus.RollingBack)]
    [InlineData(UpdateStatus.RollBackPaused, true, UpdateStatus.RollBackAwaitingPulse)]
    [InlineData(UpdateStatus.RollingForward, false, UpdateStatus.RollingForward)]
    public void ResumeTarget_ByPulse_FollowsAurora(UpdateStatus from, bool pulseExpired, UpdateStatus expected)
    {
        Assert.Equal(expected, UpdateStateMachine.ResumeTarget(from, pulseExpired));
    }

    [Fact]
    public void Targets_AllLeadToAllowedTransitionsOrStay()
    {
        foreach (var from in Enum.GetValues<UpdateStatus>())
        {
            foreach (var target in new[] { UpdateStateMachine.PauseTarget(from), UpdateStateMachine.ResumeTarget(from, true),
                         UpdateStateMachine.ResumeTarget(from, false), UpdateStateMachine.BlockTarget(from), UpdateStateMachine.UnblockTarget(from) })
            {
                if (target is { } to && to != from) Assert.True(UpdateStateMachine.IsAllowed(from, to), $"{from} -> {to}");
            }
        }
    }
}
