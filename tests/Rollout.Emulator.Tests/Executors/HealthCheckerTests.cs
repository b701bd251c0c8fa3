using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Emulator.Executors;

namespace Rollout.Emulator.Tests.Executors;

/// <summary>The emulator's own checks of the checker; Aurora's cases are ported in AuroraHealthChecker*Tests.</summary>
public class HealthCheckerTests
{
    private static HealthCheckOutcomeKind[] Run(HealthChecker checker, params bool[] checks) =>
        checks.Select(pass => checker.Record(pass, pass ? null : "Connection refused").Kind).ToArray();

    private static HealthCheckOutcomeKind[] Run(HealthChecker checker, string checks) =>
        checks.Select((c, i) => checker.Record(c == 'T', c == 'T' ? null : $"check {i + 1} failed").Kind).ToArray();

    [Fact]
    public void Record_FailuresInGracePeriod_AreForgiven()
    {
        // initial 15 / interval 10 -> 2 grace attempts.
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
    public void Record_HealthyThenFailingInsideGrace_StaysRunning()
    {
        // The old emulator killed this task at its second check; Aurora forgives failures of the first
        // ceil(initial/interval) attempts even once RUNNING.
        var checker = new HealthChecker(new HealthCheckConfig(InitialIntervalSecs: 15, IntervalSecs: 10), gatesRunning: true);

        Assert.Equal([HealthCheckOutcomeKind.BecameHealthy, HealthCheckOutcomeKind.Healthy, HealthCheckOutcomeKind.Failed], Run(checker, "TFF"));
    }

    [Fact]
    public void Record_OneAttemptLeft_NoFailFastAndTheBudgetReachesOneMore()
    {
        // grace 2 + max failures 1 + min successes 2 = 5 attempts to RUNNING; the 4th check's failure leaves one attempt,
        // which does not fail fast, and the 6th check may still make the task RUNNING.
        var config = new HealthCheckConfig(InitialIntervalSecs: 15, IntervalSecs: 10, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 2);
        var checker = new HealthChecker(config, gatesRunning: true);

        var outcomes = Run(checker, "FFTFTT");

        Assert.Equal([.. Enumerable.Repeat(HealthCheckOutcomeKind.Proving, 5), HealthCheckOutcomeKind.BecameHealthy], outcomes);
        Assert.Equal(6, checker.Attempts);
        Assert.Equal(6, checker.CheckBudget);
    }

    [Fact]
    public void Record_BudgetSpent_NextTickFailsNotEnoughSuccessesWithoutChecking()
    {
        var config = new HealthCheckConfig(InitialIntervalSecs: 15, IntervalSecs: 10, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 2);
        var checker = new HealthChecker(config, gatesRunning: true);

        Assert.All(Run(checker, "TFTFTF"), k => Assert.Equal(HealthCheckOutcomeKind.Proving, k));
        Assert.True(checker.DeadlineReached);
        var outcome = checker.Record(true, null);

        Assert.Equal(HealthCheckOutcomeKind.Failed, outcome.Kind);
        Assert.False(outcome.CheckPerformed);
        Assert.Equal(ExecutorMessages.NotEnoughSuccesses, outcome.FailureReason);
        Assert.Equal("Failed health check! Not enough successful health checks in time.", outcome.Message);
        Assert.Equal(6, checker.Checks);
    }

    [Fact]
    public void Record_SuccessesNeededExceedAttemptsLeft_FailsFastWithTheChecksReason()
    {
        // budget 1 + 1 + 3 = 5. After a forgiven failure and a counted one at attempt 3,
        // 3 successes are needed with 2 attempts left: fail now (1 failure is within max failures), not at attempt 6.
        var config = new HealthCheckConfig(InitialIntervalSecs: 10, IntervalSecs: 10, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 3);
        var checker = new HealthChecker(config, gatesRunning: true);

        Run(checker, false, true);
        var outcome = checker.Record(false, "HTTP 500 from /health");

        Assert.Equal(HealthCheckOutcomeKind.Failed, outcome.Kind);
        Assert.Equal(1, checker.ConsecutiveFailures);
        Assert.Equal("Failed health check! HTTP 500 from /health", outcome.Message);
        Assert.Equal(3, checker.Attempts);
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
    public void Record_ManyChecksAfterRunning_AttemptCountStopsAtTheBudget()
    {
        var checker = new HealthChecker(new HealthCheckConfig(), gatesRunning: true);

        Run(checker, "TTTTTTTTTT");

        Assert.Equal(10, checker.Checks);
        Assert.Equal(checker.CheckBudget, checker.Attempts);
        Assert.Equal(4, checker.Attempts);
    }

    [Fact]
    public void Record_NoReason_RendersAsPythonDoes()
    {
        var checker = new HealthChecker(new HealthCheckConfig(InitialIntervalSecs: 0), gatesRunning: true);

        Assert.Equal("Failed health check! None", checker.Record(false, null).Message);
    }

    [Fact]
    public void Record_RunningMessages_AreTheExecutorsText()
    {
        var checker = new HealthChecker(new HealthCheckConfig(MinConsecutiveSuccesses: 2), gatesRunning: true);

        Assert.Null(checker.Record(true, null).Message);
        Assert.Equal("Task is healthy.", checker.Record(true, null).Message);
    }

    [Fact]
    public void Record_CheckSlowerThanTimeout_FailsWithTheHttpSignalersReason()
    {
        var checker = new HealthChecker(new HealthCheckConfig(InitialIntervalSecs: 0, TimeoutSecs: 1), gatesRunning: true);

        var outcome = checker.Record(true, null, latencySecs: 1.5);

        Assert.Equal(HealthCheckOutcomeKind.Failed, outcome.Kind);
        Assert.Equal("Failed to signal http://localhost:31000/health: Error within timeout", outcome.FailureReason);
        Assert.Equal("Failed health check! Failed to signal http://localhost:31000/health: Error within timeout", outcome.Message);
    }

    [Fact]
    public void Record_CheckTakingExactlyTheTimeout_Passes()
    {
        var checker = new HealthChecker(new HealthCheckConfig(InitialIntervalSecs: 0, TimeoutSecs: 2), gatesRunning: true);

        Assert.Equal(HealthCheckOutcomeKind.BecameHealthy, checker.Record(true, null, latencySecs: 2).Kind);
    }

    [Fact]
    public void Record_SlowChecksInGrace_ForgivenLikeAnyFailure()
    {
        var checker = new HealthChecker(new HealthCheckConfig(), gatesRunning: true);

        Assert.Equal(HealthCheckOutcomeKind.Proving, checker.Record(true, null, latencySecs: 3).Kind);
        Assert.Equal(HealthCheckOutcomeKind.Proving, checker.Record(true, null, latencySecs: 3).Kind);
        Assert.Equal(HealthCheckOutcomeKind.Failed, checker.Record(true, null, latencySecs: 3).Kind);
    }

    [Fact]
    public void Record_ShellTimeoutReason_IsUsedWhenGiven()
    {
        var checker = new HealthChecker(
            new HealthCheckConfig(InitialIntervalSecs: 0), gatesRunning: true, ExecutorMessages.ShellHealthCheckTimedOut);

        Assert.Equal("Failed health check! Health check timed out.", checker.Record(false, "exit 1", latencySecs: 9).Message);
    }

    [Fact]
    public void Record_NegativeLatency_Throws()
    {
        var checker = new HealthChecker(new HealthCheckConfig(), gatesRunning: true);

        Assert.Throws<ArgumentOutOfRangeException>(() => checker.Record(true, null, latencySecs: -1));
        Assert.Equal(0, checker.Checks);
    }

    [Fact]
    public void Scheduling_FirstCheckAndDuration_FollowTheLoop()
    {
        var config = new HealthCheckConfig(InitialIntervalSecs: 15, IntervalSecs: 10, TimeoutSecs: 2);

        Assert.Equal(0, new HealthChecker(config, gatesRunning: true).FirstCheckAfterSecs);
        Assert.Equal(15, new HealthChecker(config, gatesRunning: false).FirstCheckAfterSecs);
        Assert.Equal(0.5, new HealthChecker(config, gatesRunning: true).CheckDurationSecs(0.5));
        Assert.Equal(2, new HealthChecker(config, gatesRunning: true).CheckDurationSecs(30));
    }

    [Fact]
    public void Record_VPrev_IsRunningFromTheStartAndFailsOnFailures()
    {
        var checker = new HealthChecker(new HealthCheckConfig(MaxConsecutiveFailures: 0), gatesRunning: false);
        Assert.True(checker.Running);

        var outcome = checker.Record(false, "HTTP 503");

        Assert.Equal(HealthCheckOutcomeKind.Failed, outcome.Kind);
        Assert.Equal("HTTP 503", outcome.FailureReason);
        Assert.Equal("Failed health check! HTTP 503", outcome.Message);
    }

    [Fact]
    public void Record_VPrev_CountsEveryFailureAndSendsNothingWhileHealthy()
    {
        // Before AURORA-894 the grace is the initial sleep, not forgiven attempts: the first check's failure counts.
        var checker = new HealthChecker(new HealthCheckConfig(MaxConsecutiveFailures: 1), gatesRunning: false);

        var first = checker.Record(false, "HTTP 503");

        Assert.Equal(new HealthCheckOutcome(HealthCheckOutcomeKind.Healthy), first);
        Assert.Equal(1, checker.ConsecutiveFailures);
        Assert.Equal(HealthCheckOutcomeKind.Failed, checker.Record(false, "HTTP 503").Kind);
    }

    [Fact]
    public void Record_VPrevWithoutInitialInterval_FirstFailureIsFatalWhateverMaxFailures()
    {
        // The pre-AURORA-894 constructor checks at once when initial_interval_secs is 0 and keeps its verdict.
        var config = new HealthCheckConfig(InitialIntervalSecs: 0, MaxConsecutiveFailures: 3);

        Assert.Equal(HealthCheckOutcomeKind.Failed, new HealthChecker(config, gatesRunning: false).Record(false, "refused").Kind);
        var later = new HealthChecker(config, gatesRunning: false);
        Assert.Equal([HealthCheckOutcomeKind.Healthy, HealthCheckOutcomeKind.Healthy, HealthCheckOutcomeKind.Healthy], Run(later, "TFF"));
    }

    [Fact]
    public void Progress_ReportsAttemptsAndNeeds()
    {
        // 2 grace + 1 max failures + 3 min successes = 6 attempts to RUNNING, so 7 checks in all.
        var config = new HealthCheckConfig(InitialIntervalSecs: 10, IntervalSecs: 5, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 3);
        var checker = new HealthChecker(config, gatesRunning: true);
        Run(checker, false, true, true);

        var progress = checker.Progress;

        Assert.Equal(new HealthCheckProgress(2, 0, 3, 7, 3, 2), progress);
        Assert.Equal("2/3 passes, 4 attempts left", progress.ToString());
    }
}
