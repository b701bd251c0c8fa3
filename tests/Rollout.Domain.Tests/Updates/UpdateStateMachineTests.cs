using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Domain.Tests.Updates;

public class UpdateStateMachineTests
{
    // Aurora's JobUpdateStateMachineTest.EXPECTED: every allowed transition, by wire name, and the action of its target.
    private static readonly Dictionary<string, UpdaterAction> AuroraExpected = new()
    {
        ["ROLLING_FORWARD->ROLLING_BACK"] = UpdaterAction.RollBack,
        ["ROLLING_FORWARD->ROLL_FORWARD_PAUSED"] = UpdaterAction.StopWatching,
        ["ROLLING_FORWARD->ROLL_FORWARD_AWAITING_PULSE"] = UpdaterAction.StopWatching,
        ["ROLLING_FORWARD->ROLLED_FORWARD"] = UpdaterAction.StopWatching,
        ["ROLLING_FORWARD->ABORTED"] = UpdaterAction.StopWatching,
        ["ROLLING_FORWARD->ERROR"] = UpdaterAction.StopWatching,
        ["ROLLING_FORWARD->FAILED"] = UpdaterAction.StopWatching,
        ["ROLLING_BACK->ROLL_BACK_PAUSED"] = UpdaterAction.StopWatching,
        ["ROLLING_BACK->ROLL_BACK_AWAITING_PULSE"] = UpdaterAction.StopWatching,
        ["ROLLING_BACK->ROLLED_BACK"] = UpdaterAction.StopWatching,
        ["ROLLING_BACK->ABORTED"] = UpdaterAction.StopWatching,
        ["ROLLING_BACK->ERROR"] = UpdaterAction.StopWatching,
        ["ROLLING_BACK->FAILED"] = UpdaterAction.StopWatching,
        ["ROLL_FORWARD_PAUSED->ROLLING_FORWARD"] = UpdaterAction.RollForward,
        ["ROLL_FORWARD_PAUSED->ROLL_FORWARD_AWAITING_PULSE"] = UpdaterAction.StopWatching,
        ["ROLL_FORWARD_PAUSED->ABORTED"] = UpdaterAction.StopWatching,
        ["ROLL_FORWARD_PAUSED->ERROR"] = UpdaterAction.StopWatching,
        ["ROLL_FORWARD_PAUSED->ROLLING_BACK"] = UpdaterAction.RollBack,
        ["ROLL_BACK_PAUSED->ROLLING_BACK"] = UpdaterAction.RollBack,
        ["ROLL_BACK_PAUSED->ROLL_BACK_AWAITING_PULSE"] = UpdaterAction.StopWatching,
        ["ROLL_BACK_PAUSED->ABORTED"] = UpdaterAction.StopWatching,
        ["ROLL_BACK_PAUSED->ERROR"] = UpdaterAction.StopWatching,
        ["ROLL_FORWARD_AWAITING_PULSE->ROLLING_FORWARD"] = UpdaterAction.RollForward,
        ["ROLL_FORWARD_AWAITING_PULSE->ROLLING_BACK"] = UpdaterAction.RollBack,
        ["ROLL_FORWARD_AWAITING_PULSE->ROLL_FORWARD_PAUSED"] = UpdaterAction.StopWatching,
        ["ROLL_FORWARD_AWAITING_PULSE->ABORTED"] = UpdaterAction.StopWatching,
        ["ROLL_FORWARD_AWAITING_PULSE->ERROR"] = UpdaterAction.StopWatching,
        ["ROLL_BACK_AWAITING_PULSE->ROLLING_BACK"] = UpdaterAction.RollBack,
        ["ROLL_BACK_AWAITING_PULSE->ROLL_BACK_PAUSED"] = UpdaterAction.StopWatching,
        ["ROLL_BACK_AWAITING_PULSE->ABORTED"] = UpdaterAction.StopWatching,
        ["ROLL_BACK_AWAITING_PULSE->ERROR"] = UpdaterAction.StopWatching,
    };

    public static TheoryData<UpdateStatus, UpdateStatus> AllPairs()
    {
        var data = new TheoryData<UpdateStatus, UpdateStatus>();
        foreach (var from in Enum.GetValues<UpdateStatus>())
        {
            foreach (var to in Enum.GetValues<UpdateStatus>()) data.Add(from, to);
        }

        return data;
    }

    // Aurora: JobUpdateStateMachineTest.testTransition (JobUpdateStateMachineTest.java)
    [Theory]
    [MemberData(nameof(AllPairs))]
    public void IsAllowed_EveryStatusPair_MatchesAuroraTransitionsAndActions(UpdateStatus from, UpdateStatus to)
    {
        var key = $"{from.WireName()}->{to.WireName()}";
        var allowed = UpdateStateMachine.IsAllowed(from, to);

        Assert.Equal(AuroraExpected.ContainsKey(key), allowed);
        if (allowed) Assert.Equal(AuroraExpected[key], UpdateStateMachine.ActionForStatus(to));
    }

    [Fact]
    public void AllPairs_CoverEveryStatus()
    {
        Assert.Equal(11 * 11, AllPairs().Count);
        Assert.Equal(31, AuroraExpected.Count);
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
