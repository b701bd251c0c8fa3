using Rollout.Domain.Model;
using Rollout.Emulator.Executors;

namespace Rollout.Emulator.Tests.Executors;

// Ports of test_health_checker.py's TestThreadedHealthChecker (initial 15 / interval 10 / max failures 1 /
// min successes 2: 2 forgiving attempts, 5 attempts to RUNNING); conventions in AuroraHealthCheckerTests.cs.
// The test_maybe_update_health_check_count_* cases start with `hc.attempts = hc.forgiving_attempts`; the pure checker's
// attempt count only moves by checking, so two forgiven failures (which leave both counters at 0 and the task not
// RUNNING) stand in for that assignment. The test_run_* cases drive run() for as many loops as their mocked sleep
// count, i.e. that many checks.
//
// Not ported:
//   test_perform_check_if_not_disabled_snooze_file_is_none, _no_snooze_file, _snooze_file_exists: the
//     .healthchecksnooze file in the task's sandbox (the emulator has no sandboxes).
//   test_start, test_stop: starting and stopping the checker's thread (the engine's scheduler drives the pure checker).
public class AuroraThreadedHealthCheckerTests
{
    private readonly HealthChecker _checker = new(
        new HealthCheckConfig(InitialIntervalSecs: 15, IntervalSecs: 10, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 2),
        gatesRunning: true);

    private void SpendForgivingAttempts()
    {
        for (var i = 0; i < _checker.GraceAttempts; i++) _checker.Record(false, "forgiven");
        Assert.Equal(2, _checker.Attempts);
    }

    private void AssertCounts(int failures, int successes)
    {
        Assert.Equal(failures, _checker.ConsecutiveFailures);
        Assert.Equal(successes, _checker.ConsecutiveSuccesses);
    }

    // test_health_checker.py: TestThreadedHealthChecker.test_maybe_update_health_check_count_reset_count
    [Fact]
    public void Record_PassFailPassAfterGrace_CountersReset()
    {
        SpendForgivingAttempts();
        AssertCounts(0, 0);

        _checker.Record(true, "reason-1");
        AssertCounts(0, 1);
        _checker.Record(false, "reason-2");
        AssertCounts(1, 0);
        _checker.Record(true, "reason-3");
        AssertCounts(0, 1);
        Assert.False(_checker.Failed);
    }

    // test_health_checker.py: TestThreadedHealthChecker.test_maybe_update_health_check_count_ignore_failures_within_grace_period
    [Fact]
    public void Record_FourFailures_FirstTwoIgnored()
    {
        _checker.Record(false, "reason-1");
        AssertCounts(0, 0);
        _checker.Record(false, "reason-2");
        AssertCounts(0, 0);
        _checker.Record(false, "reason-3");
        AssertCounts(1, 0);
        _checker.Record(false, "reason-4");
        AssertCounts(2, 0);
    }

    // test_health_checker.py: TestThreadedHealthChecker.test_maybe_update_health_check_count_dont_ignore_failures_after_grace_period
    [Fact]
    public void Record_FailuresAfterGrace_Counted()
    {
        SpendForgivingAttempts();

        _checker.Record(false, "reason-1");
        AssertCounts(1, 0);
        _checker.Record(false, "reason-2");
        AssertCounts(2, 0);
    }

    // test_health_checker.py: TestThreadedHealthChecker.test_maybe_update_health_check_count_fail_fast
    [Fact]
    public void Record_FourFailures_FailsOnFourthWithItsReason()
    {
        Assert.False(_checker.Failed);
        Assert.False(_checker.Running);

        Assert.Equal(HealthCheckOutcomeKind.Proving, _checker.Record(false, "reason-1").Kind);
        AssertCounts(0, 0);
        Assert.Equal(HealthCheckOutcomeKind.Proving, _checker.Record(false, "reason-2").Kind);
        AssertCounts(0, 0);
        Assert.Equal(HealthCheckOutcomeKind.Proving, _checker.Record(false, "reason-3").Kind);
        AssertCounts(1, 0);
        var outcome = _checker.Record(false, "reason-4");
        AssertCounts(2, 0);

        Assert.False(_checker.Running);
        Assert.Equal(HealthCheckOutcomeKind.Failed, outcome.Kind);
        Assert.Equal("reason-4", outcome.FailureReason);
        Assert.Equal("Failed health check! reason-4", outcome.Message);
    }

    // test_health_checker.py: TestThreadedHealthChecker.test_maybe_update_health_check_count_max_failures_1
    [Fact]
    public void Record_TwoFailuresAfterGraceWithOnePass_FailsOnSecond()
    {
        // Aurora presets one consecutive success at the end of the grace attempts: a forgiven failure then a pass.
        _checker.Record(false, "forgiven");
        _checker.Record(true, null);
        Assert.Equal(2, _checker.Attempts);
        AssertCounts(0, 1);

        Assert.Equal(HealthCheckOutcomeKind.Proving, _checker.Record(false, "reason-1").Kind);
        AssertCounts(1, 0);
        Assert.False(_checker.Failed);

        var outcome = _checker.Record(false, "reason-2");
        AssertCounts(2, 0);
        Assert.Equal(AuroraStatus.Failed("reason-2"), AuroraStatus.Of(outcome));
        Assert.Equal("reason-2", _checker.FailureReason);
    }

    // test_health_checker.py: TestThreadedHealthChecker.test_maybe_update_health_check_count_success
    [Fact]
    public void Record_ThreePasses_RunningOnSecond()
    {
        Assert.Equal(HealthCheckOutcomeKind.Proving, _checker.Record(true, "reason").Kind);
        AssertCounts(0, 1);
        Assert.False(_checker.Running);

        Assert.Equal(HealthCheckOutcomeKind.BecameHealthy, _checker.Record(true, "reason").Kind);
        AssertCounts(0, 2);
        Assert.True(_checker.Running);

        Assert.Equal(HealthCheckOutcomeKind.Healthy, _checker.Record(true, "reason").Kind);
        AssertCounts(0, 3);
        Assert.True(_checker.Running);
        Assert.False(_checker.Failed);
    }

    // test_health_checker.py: TestThreadedHealthChecker.test_run_success
    [Fact]
    public void Record_LoopAllPass_RunningAndHealthy()
    {
        for (var i = 0; i < 3; i++) _checker.Record(true, "success");

        Assert.Equal(3, _checker.Checks);
        AssertCounts(0, 3);
        Assert.True(_checker.Running);
        Assert.False(_checker.Failed);
        Assert.Null(_checker.FailureReason);
    }

    // test_health_checker.py: TestThreadedHealthChecker.test_run_failure
    [Fact]
    public void Record_LoopAllFail_FailsWithTheChecksReason()
    {
        HealthCheckOutcome? last = null;
        for (var i = 0; i < 4; i++) last = _checker.Record(false, "failure");

        Assert.Equal(4, _checker.Checks);
        AssertCounts(2, 0);
        Assert.False(_checker.Running);
        Assert.Equal(AuroraStatus.Failed("failure"), AuroraStatus.Of(last!));
    }

    // test_health_checker.py: TestThreadedHealthChecker.test_run_failure_unhealthy_when_failfast
    [Fact]
    public void Record_LoopFailPassFailFail_FailsWithLastReason()
    {
        _checker.Record(false, "failure-1");
        _checker.Record(true, null);
        _checker.Record(false, "failure-3");
        var last = _checker.Record(false, "failure-4");

        AssertCounts(2, 0);
        Assert.False(_checker.Running);
        Assert.Equal(AuroraStatus.Failed("failure-4"), AuroraStatus.Of(last));
    }

    // test_health_checker.py: TestThreadedHealthChecker.test_run_unhealthy_after_callback
    [Fact]
    public void Record_LoopRunningThenTwoFailures_FailsWithLastReason()
    {
        _checker.Record(true, null);
        _checker.Record(true, null);
        Assert.True(_checker.Running);
        Assert.Equal(HealthCheckOutcomeKind.Healthy, _checker.Record(false, "failure-4").Kind);
        var last = _checker.Record(false, "failure-5");

        AssertCounts(2, 0);
        Assert.True(_checker.Running);
        Assert.Equal(AuroraStatus.Failed("failure-5"), AuroraStatus.Of(last));
    }
}
