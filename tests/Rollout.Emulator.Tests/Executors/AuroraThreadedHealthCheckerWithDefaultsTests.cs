using Rollout.Domain.Model;
using Rollout.Emulator.Executors;

namespace Rollout.Emulator.Tests.Executors;

// Ports of test_health_checker.py's TestThreadedHealthCheckerWithDefaults: the checker built from a task whose
// HealthCheckConfig is all defaults (initial 15 / interval 10 / max failures 0 / min successes 1: 2 forgiving attempts,
// 3 attempts to RUNNING); here `new HealthCheckConfig()`. Conventions in AuroraHealthCheckerTests.cs and
// AuroraThreadedHealthCheckerTests.cs (two forgiven failures stand in for `hc.attempts = hc.forgiving_attempts`).
//
// Where Aurora asserts state after the task has already failed: Aurora's thread keeps checking and counting until the
// executor stops it, and so do this checker's counters; but ChainedStatusChecker latches the first terminal status
// (status_checker.py 116-135) and the status manager (polling every 500 ms, far more often than interval_secs) shuts
// the task down with it, so the outcome and the FAILED message stay those of the first failure.
//
// Not ported:
//   test_perform_check_if_not_disabled_snooze_file_is_none, _no_snooze_file, _snooze_file_exists: the
//     .healthchecksnooze file in the task's sandbox (the emulator has no sandboxes).
//   test_start, test_stop: starting and stopping the checker's thread (the engine's scheduler drives the pure checker).
public class AuroraThreadedHealthCheckerWithDefaultsTests
{
    private readonly HealthChecker _checker = new(new HealthCheckConfig(), gatesRunning: true);

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

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_maybe_update_health_check_count_reset_count
    [Fact]
    public void Record_PassFailPassAfterGrace_CountersKeepMovingAfterTheFailure()
    {
        SpendForgivingAttempts();
        AssertCounts(0, 0);

        _checker.Record(true, "reason-1");
        AssertCounts(0, 1);
        var failed = _checker.Record(false, "reason-2");
        AssertCounts(1, 0);
        var after = _checker.Record(true, "reason-3");
        AssertCounts(0, 1);

        // Max failures 0: the task already failed at reason-2 (Aurora's test does not look); that failure stands.
        Assert.Equal(AuroraStatus.Failed("reason-2"), AuroraStatus.Of(failed));
        Assert.Equal(AuroraStatus.Failed("reason-2"), AuroraStatus.Of(after));
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_maybe_update_health_check_count_ignore_failures_inside_grace_period
    [Fact]
    public void Record_TwoFailuresInGrace_Ignored()
    {
        Assert.Equal(HealthCheckOutcomeKind.Proving, _checker.Record(false, "reason-1").Kind);
        AssertCounts(0, 0);
        Assert.Equal(HealthCheckOutcomeKind.Proving, _checker.Record(false, "reason-2").Kind);
        AssertCounts(0, 0);
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_maybe_update_health_check_count_dont_ignore_failures_after_grace_period
    [Fact]
    public void Record_FailuresAfterGrace_CountedAndTheFirstIsFatal()
    {
        SpendForgivingAttempts();

        var first = _checker.Record(false, "reason-1");
        AssertCounts(1, 0);
        _checker.Record(false, "reason-2");
        AssertCounts(2, 0);
        Assert.Equal(AuroraStatus.Failed("reason-1"), AuroraStatus.Of(first));
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_maybe_update_health_check_count_fail_fast
    [Fact]
    public void Record_ThreeFailures_FailsOnThirdWithItsReason()
    {
        Assert.False(_checker.Failed);
        Assert.False(_checker.Running);

        _checker.Record(false, "reason-1");
        AssertCounts(0, 0);
        _checker.Record(false, "reason-2");
        AssertCounts(0, 0);
        Assert.False(_checker.Failed);
        var outcome = _checker.Record(false, "reason-3");
        AssertCounts(1, 0);

        Assert.False(_checker.Running);
        Assert.Equal(AuroraStatus.Failed("reason-3"), AuroraStatus.Of(outcome));
        Assert.Equal("reason-3", _checker.FailureReason);
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_maybe_update_health_check_count_max_failures
    [Fact]
    public void Record_FailureAfterGraceFollowingAPass_FailsAtOnce()
    {
        // Aurora presets one consecutive success at the end of the grace attempts without RUNNING, a state checks cannot
        // reach with min successes 1 (one pass is RUNNING). A forgiven failure then a pass reaches the same counts,
        // RUNNING; the failure that follows is counted and fatal all the same.
        _checker.Record(false, "forgiven");
        _checker.Record(true, null);
        Assert.Equal(2, _checker.Attempts);
        AssertCounts(0, 1);

        var outcome = _checker.Record(false, "reason-1");

        AssertCounts(1, 0);
        Assert.Equal(AuroraStatus.Failed("reason-1"), AuroraStatus.Of(outcome));
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_maybe_update_health_check_count_success
    [Fact]
    public void Record_FirstPass_Running()
    {
        var outcome = _checker.Record(true, "reason");

        AssertCounts(0, 1);
        Assert.True(_checker.Running);
        Assert.False(_checker.Failed);
        Assert.Equal(AuroraStatus.Healthy, AuroraStatus.Of(outcome));
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_run_success
    [Fact]
    public void Record_LoopAllPass_RunningAndHealthy()
    {
        for (var i = 0; i < 3; i++) _checker.Record(true, "success");

        Assert.Equal(3, _checker.Checks);
        AssertCounts(0, 3);
        Assert.True(_checker.Running);
        Assert.Null(_checker.FailureReason);
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_run_failure
    [Fact]
    public void Record_LoopAllFail_FailsOnThirdWithTheChecksReason()
    {
        HealthCheckOutcome? last = null;
        for (var i = 0; i < 3; i++) last = _checker.Record(false, "failure");

        AssertCounts(1, 0);
        Assert.False(_checker.Running);
        Assert.Equal(AuroraStatus.Failed("failure"), AuroraStatus.Of(last!));
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_first_success_after_grace_period_and_max_consecutive_failures
    [Fact]
    public void Record_TwoFailuresThenPass_Running()
    {
        _checker.Record(false, "failure-1");
        _checker.Record(false, "failure-2");
        var last = _checker.Record(true, null);

        AssertCounts(0, 1);
        Assert.True(_checker.Running);
        Assert.Null(_checker.FailureReason);
        Assert.Equal(HealthCheckOutcomeKind.BecameHealthy, last.Kind);
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_success_then_failures_ignored_till_grace_period_ends
    [Fact]
    public void Record_PassThenFailures_FailureInGraceIgnoredNextFails()
    {
        Assert.Equal(HealthCheckOutcomeKind.BecameHealthy, _checker.Record(true, null).Kind);
        Assert.Equal(HealthCheckOutcomeKind.Healthy, _checker.Record(false, "failure-2").Kind);
        var last = _checker.Record(false, "failure-3");

        AssertCounts(1, 0);
        Assert.True(_checker.Running);
        Assert.Equal(AuroraStatus.Failed("failure-3"), AuroraStatus.Of(last));
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_run_failure_unhealthy_when_failfast
    [Fact]
    public void Record_LoopThreeFailures_FailsWithThirdReason()
    {
        _checker.Record(false, "failure-1");
        _checker.Record(false, "failure-2");
        var last = _checker.Record(false, "failure-3");

        AssertCounts(1, 0);
        Assert.False(_checker.Running);
        Assert.Equal(AuroraStatus.Failed("failure-3"), AuroraStatus.Of(last));
    }

    // test_health_checker.py: TestThreadedHealthCheckerWithDefaults.test_run_unhealthy_after_callback
    // Deliberate difference: Aurora expects reason 'failure-5' because its thread overwrites `reason` on every failure
    // after the task failed at 'failure-4'; the executor has by then sent FAILED with 'failure-4' (see the top of the
    // file), which is what the emulator reports.
    [Fact]
    public void Record_LoopRunningThenTwoFailures_FirstCountedFailureIsTheMessage()
    {
        _checker.Record(true, null);
        _checker.Record(true, null);
        var first = _checker.Record(false, "failure-4");
        var last = _checker.Record(false, "failure-5");

        AssertCounts(2, 0);
        Assert.True(_checker.Running);
        Assert.Equal(AuroraStatus.Failed("failure-4"), AuroraStatus.Of(first));
        Assert.Equal(AuroraStatus.Failed("failure-4"), AuroraStatus.Of(last));
        Assert.Equal("failure-4", _checker.FailureReason);
    }
}
