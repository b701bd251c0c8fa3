using Rollout.Domain.Model;
using Rollout.Emulator.Executors;

namespace Rollout.Emulator.Tests.Executors;

public class HealthCheckerTests
{
    private static HealthCheckOutcomeKind[] Run(HealthChecker checker, params bool[] checks) =>
        checks.Select(pass => checker.Record(pass, pass ? null : "Connection refused").Kind).ToArray();

    [Fact]
    public void Record_FailuresInGracePeriod_AreForgiven()
    {
        // initial 15 / interval 10 -> 2 grace attempts; budget 2 + 0 + 1 = 3.
        var checker = new HealthChecker(new HealthCheckConfig(), gatesRunning: true);

        var outcomes = Run(checker, false, false, true);

        Assert.Equal([HealthCheckOutcomeKind.Proving, HealthCheckOutcomeKind.Proving, HealthCheckOutcomeKind.BecameHealthy], outcomes);
        Assert.True(checker.Running);
        Assert.Equal(0, checker.ConsecutiveFailures);
    }

    [Fact]
    public void Record_MinConsecutiveSuccesses_ResetByAFailure()
    {
        var config = new HealthCheckConfig(InitialIntervalSecs: 10, IntervalSecs: 10, MaxConsecutiveFailures: 2, MinConsecutiveSuccesses: 3);
        var checker = new HealthChecker(config, gatesRunning: true);

        var outcomes = Run(checker, true, true, false, true, true, true);

        Assert.Equal(HealthCheckOutcomeKind.Proving, outcomes[4]);
        Assert.Equal(HealthCheckOutcomeKind.BecameHealthy, outcomes[5]);
        Assert.Equal(6, checker.Attempts);
    }

    [Fact]
    public void Record_AttemptBudgetSpent_FailsNotEnoughSuccesses()
    {
        // grace 2 + max failures 1 + min successes 1 = 4 attempts allowed.
        var config = new HealthCheckConfig(InitialIntervalSecs: 20, IntervalSecs: 10, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 1);
        var checker = new HealthChecker(config, gatesRunning: true);

        var outcomes = Run(checker, false, false, false, false);

        Assert.Equal(4, config.AttemptsAllowed);
        Assert.Equal(
            [HealthCheckOutcomeKind.Proving, HealthCheckOutcomeKind.Proving, HealthCheckOutcomeKind.Proving, HealthCheckOutcomeKind.Failed],
            outcomes);
        Assert.Equal("Not enough successful health checks in time.", checker.Record(false, "x").FailureReason);
    }

    [Fact]
    public void Record_CountedFailureLeavingTooFewAttempts_FailsBeforeTheBudgetIsSpent()
    {
        // budget 1 + 0 + 2 = 3: after a forgiven and a counted failure two passes are needed with one attempt left.
        var config = new HealthCheckConfig(InitialIntervalSecs: 10, IntervalSecs: 10, MaxConsecutiveFailures: 0, MinConsecutiveSuccesses: 2);
        var checker = new HealthChecker(config, gatesRunning: true);

        var outcomes = Run(checker, false, false);

        Assert.Equal([HealthCheckOutcomeKind.Proving, HealthCheckOutcomeKind.Failed], outcomes);
    }

    [Fact]
    public void Record_SuccessesNeededExceedAttemptsLeft_FailsFast()
    {
        // budget 1 + 1 + 3 = 5. After a forgiven failure and a counted one at attempt 3,
        // 3 successes are needed with 2 attempts left: fail now, not at attempt 5.
        var config = new HealthCheckConfig(InitialIntervalSecs: 10, IntervalSecs: 10, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 3);
        var checker = new HealthChecker(config, gatesRunning: true);

        var outcomes = Run(checker, false, true, false);

        Assert.Equal(HealthCheckOutcomeKind.Failed, outcomes[^1]);
        Assert.Equal(3, checker.Attempts);
        Assert.True(checker.Attempts < config.AttemptsAllowed);
    }

    [Fact]
    public void Record_AfterRunning_FailsOnceFailuresExceedLimit()
    {
        var config = new HealthCheckConfig(InitialIntervalSecs: 0, IntervalSecs: 5, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 1);
        var checker = new HealthChecker(config, gatesRunning: true);

        var outcomes = Run(checker, true, false, true, false, false);

        Assert.Equal(
            [HealthCheckOutcomeKind.BecameHealthy, HealthCheckOutcomeKind.Healthy, HealthCheckOutcomeKind.Healthy,
             HealthCheckOutcomeKind.Healthy, HealthCheckOutcomeKind.Failed],
            outcomes);
        Assert.Equal("Connection refused", checker.Record(false, "y").FailureReason);
    }

    [Fact]
    public void Record_VPrev_IsRunningFromTheStartAndFailsOnFailures()
    {
        var checker = new HealthChecker(new HealthCheckConfig(MaxConsecutiveFailures: 0), gatesRunning: false);
        Assert.True(checker.Running);

        var outcome = checker.Record(false, "HTTP 503");

        Assert.Equal(HealthCheckOutcomeKind.Failed, outcome.Kind);
        Assert.Equal("HTTP 503", outcome.FailureReason);
    }

    [Fact]
    public void Progress_ReportsAttemptsAndNeeds()
    {
        var config = new HealthCheckConfig(InitialIntervalSecs: 10, IntervalSecs: 5, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 3);
        var checker = new HealthChecker(config, gatesRunning: true);
        Run(checker, false, true, true);

        var progress = checker.Progress;

        Assert.Equal(new HealthCheckProgress(2, 0, 3, 6, 3, 2), progress);
        Assert.Equal("2/3 passes, 3 attempts left", progress.ToString());
    }
}
