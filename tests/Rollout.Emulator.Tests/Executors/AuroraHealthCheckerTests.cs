using Rollout.Domain.Model;
using Rollout.Emulator.Executors;

namespace Rollout.Emulator.Tests.Executors;

// Ports of Apache Aurora's src/test/python/apache/aurora/executor/common/test_health_checker.py, check-loop cases only,
// onto the pure HealthChecker: one Record call stands for one tick of ThreadedHealthChecker's loop
// (_do_health_check), or for one `hc.attempts += 1; hc._maybe_update_health_check_count(...)` pair, which is what that
// tick does while the attempt count is within budget. Aurora's `hct.status` is compared as (state, message) through
// AuroraStatus.Of. Split by Aurora test class:
//   TestHealthChecker                    -> this file
//   TestThreadedHealthChecker            -> AuroraThreadedHealthCheckerTests.cs
//   TestThreadedHealthCheckerWithDefaults-> AuroraThreadedHealthCheckerWithDefaultsTests.cs
//
// Not ported from this file's classes (the threaded classes list their own in their files):
//   TestHealthChecker.test_health_checker_metrics: the total_latency_secs/checks gauges (metrics are not modelled),
//     and Aurora itself skips it as flaky (AURORA-1182).
//   TestHealthCheckerProvider.test_from_assigned_task_http, .test_from_assigned_task_http_endpoint_style_config,
//     .test_from_assigned_task_shell, .test_from_assigned_task_shell_no_demotion,
//     .test_from_assigned_task_shell_filesystem_image, .test_from_assigned_task_shell_filesystem_image_no_demotion,
//     .test_interpolate_cmd, .test_from_assigned_task_no_health_port: building a checker from an AssignedTask
//     (executor config JSON, port maps, HTTP signaler and shell command set-up, setuid demotion, mesos-containerizer
//     wrapping, {{thermos.ports[...]}} interpolation, the no-op checker without a 'health' port). The emulator takes a
//     HealthCheckConfig directly and has no sandboxes, ports, users or shell commands.
//
// Aurora's HealthChecker(...) without grace_period_secs uses 2 x interval_secs (health_checker.py 96-99); the
// emulator's HealthCheckConfig has no "unset", so those cases pass InitialIntervalSecs: 20 explicitly.

/// <summary>Aurora's StatusResult as (state, reason), for comparing with test_health_checker.py's expectations.</summary>
internal static class AuroraStatus
{
    public static readonly (TaskState, string?) Starting = (TaskState.Starting, null);
    public static readonly (TaskState, string?) Healthy = (TaskState.Running, "Task is healthy.");

    public static (TaskState, string?) Failed(string reason) => (TaskState.Failed, "Failed health check! " + reason);

    public static (TaskState State, string? Message) Of(HealthCheckOutcome outcome) => outcome.Kind switch
    {
        HealthCheckOutcomeKind.Proving => (TaskState.Starting, outcome.Message),
        HealthCheckOutcomeKind.BecameHealthy or HealthCheckOutcomeKind.Healthy => (TaskState.Running, outcome.Message),
        _ => (TaskState.Failed, outcome.Message),
    };
}

public class AuroraHealthCheckerTests
{
    private const int IntervalSecs = 10;
    private const int InitialIntervalSecs = 15;

    /// <summary>TestHealthChecker's fake checks all carry the reason 'reason'.</summary>
    private static (TaskState, string?) Check(HealthChecker checker, bool passed) => AuroraStatus.Of(checker.Record(passed, "reason"));

    private static HealthChecker Checker(int graceSecs = 2 * IntervalSecs, int maxFailures = 0, int minSuccesses = 1) =>
        new(new HealthCheckConfig(graceSecs, IntervalSecs, maxFailures, minSuccesses), gatesRunning: true);

    // test_health_checker.py: TestHealthChecker.test_grace_period_2x_success
    [Fact]
    public void Record_Grace2xFirstCheckPasses_RunningAfterOneCheck()
    {
        var checker = Checker();

        // Aurora converges without ticking the clock and sees one call: the first check runs as the checker starts.
        Assert.Equal(0, checker.FirstCheckAfterSecs);
        Assert.Equal(AuroraStatus.Healthy, Check(checker, true));
        Assert.True(checker.Running);
        Assert.Equal(1, checker.Checks);
    }

    // test_health_checker.py: TestHealthChecker.test_grace_period_2x_failure_then_success
    [Fact]
    public void Record_Grace2xFailThenPass_StartingThenRunning()
    {
        var checker = Checker();

        Assert.Equal(AuroraStatus.Starting, Check(checker, false));
        Assert.False(checker.Running);
        Assert.Equal(AuroraStatus.Healthy, Check(checker, true));
        Assert.True(checker.Running);
        Assert.Equal(2, checker.Checks);
    }

    // test_health_checker.py: TestHealthChecker.test_ignore_failures_after_running_inside_grace_period
    [Fact]
    public void Record_PassThenFailInsideGrace_StaysRunning()
    {
        var checker = Checker();

        Assert.Equal(AuroraStatus.Healthy, Check(checker, true));
        Assert.Equal(0, checker.ConsecutiveFailures);
        Assert.Equal(AuroraStatus.Healthy, Check(checker, false));
        Assert.True(checker.Running);
        Assert.Equal(0, checker.ConsecutiveFailures);
        Assert.Equal(2, checker.Checks);
    }

    // test_health_checker.py: TestHealthChecker.test_does_not_ignores_failures_after_running_outside_grace_period
    [Fact]
    public void Record_PassThenFailuresPastGrace_FailsWithCheckReason()
    {
        var checker = Checker();

        Assert.Equal(AuroraStatus.Healthy, Check(checker, true));
        Assert.Equal(AuroraStatus.Healthy, Check(checker, false));
        Assert.Equal(0, checker.ConsecutiveFailures);
        Assert.Equal(AuroraStatus.Failed("reason"), Check(checker, false));
        Assert.True(checker.Running);
        Assert.Equal(1, checker.ConsecutiveFailures);
        Assert.Equal(3, checker.Checks);
    }

    // test_health_checker.py: TestHealthChecker.test_grace_period_2x_failure
    [Fact]
    public void Record_Grace2xAllFail_FailsOnThirdCheckWithCheckReason()
    {
        var checker = Checker();

        Assert.Equal(AuroraStatus.Starting, Check(checker, false));
        Assert.Equal(AuroraStatus.Starting, Check(checker, false));
        Assert.Equal(AuroraStatus.Failed("reason"), Check(checker, false));
        Assert.False(checker.Running);
        Assert.Equal(3, checker.Checks);
    }

    // test_health_checker.py: TestHealthChecker.test_success_outside_grace_period
    [Fact]
    public void Record_FailuresInGraceThenPass_Running()
    {
        var checker = Checker();

        Assert.Equal(AuroraStatus.Starting, Check(checker, false));
        Assert.Equal(AuroraStatus.Starting, Check(checker, false));
        Assert.Equal(AuroraStatus.Healthy, Check(checker, true));
        Assert.True(checker.Running);
        Assert.Equal(3, checker.Checks);
    }

    // test_health_checker.py: TestHealthChecker.test_include_max_failure_to_forgiving_attempts
    [Fact]
    public void Record_FailuresNeverBreachingMax_RunningThenFailsOnBreach()
    {
        const int maxFailures = 4;
        var checker = Checker(maxFailures: maxFailures);

        for (var i = 0; i < 2; i++) Assert.Equal(AuroraStatus.Starting, Check(checker, false));
        for (var i = 0; i < maxFailures; i++) Assert.Equal(AuroraStatus.Starting, Check(checker, false));
        Assert.Equal(AuroraStatus.Healthy, Check(checker, true));
        for (var i = 0; i < maxFailures; i++) Assert.Equal(AuroraStatus.Healthy, Check(checker, false));

        Assert.Equal(AuroraStatus.Failed("reason"), Check(checker, false));
        Assert.True(checker.Running);
        Assert.Equal(12, checker.Checks);
    }

    // test_health_checker.py: TestHealthChecker.test_initial_interval_whatev
    [Fact]
    public void Record_NoGraceFirstCheckFails_FailsAtOnce()
    {
        var checker = Checker(graceSecs: 0);

        Assert.Equal(AuroraStatus.Failed("reason"), Check(checker, false));
        Assert.Equal(1, checker.Checks);
    }

    // test_health_checker.py: TestHealthChecker.test_consecutive_failures_max_failures
    [Fact]
    public void Record_RunningThenThreeFailuresMaxTwo_FailsOnThird()
    {
        var checker = Checker(graceSecs: InitialIntervalSecs, maxFailures: 2, minSuccesses: 2);

        Assert.Equal(AuroraStatus.Starting, Check(checker, true));
        Assert.Equal(0, checker.ConsecutiveFailures);
        Assert.Equal(AuroraStatus.Healthy, Check(checker, true));
        Assert.Equal(0, checker.ConsecutiveFailures);
        Assert.True(checker.Running);
        Assert.Equal(AuroraStatus.Healthy, Check(checker, false));
        Assert.Equal(1, checker.ConsecutiveFailures);
        Assert.Equal(AuroraStatus.Healthy, Check(checker, false));
        Assert.Equal(2, checker.ConsecutiveFailures);
        Assert.Equal(AuroraStatus.Failed("reason"), Check(checker, false));
        Assert.Equal(3, checker.ConsecutiveFailures);
        Assert.Equal(5, checker.Checks);
    }

    // test_health_checker.py: TestHealthChecker.test_consecutive_failures_failfast
    [Fact]
    public void Record_FailuresWithTooFewAttemptsLeft_FailsFastWithCheckReason()
    {
        // grace 2 + max failures 2 + min successes 4: 8 attempts to RUNNING. At the 5th check 4 passes are needed with
        // 3 attempts left, so the checker gives up long before its budget.
        var checker = Checker(graceSecs: InitialIntervalSecs, maxFailures: 2, minSuccesses: 4);

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(AuroraStatus.Starting, Check(checker, false));
            Assert.Equal(0, checker.ConsecutiveFailures);
        }

        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.Equal(AuroraStatus.Starting, Check(checker, false));
            Assert.Equal(attempt + 1, checker.ConsecutiveFailures);
        }

        Assert.Equal(AuroraStatus.Failed("reason"), Check(checker, false));
        Assert.Equal(3, checker.ConsecutiveFailures);
        Assert.Equal(5, checker.Checks);
        Assert.Equal(8, checker.MaxAttemptsToRunning);
    }
}
