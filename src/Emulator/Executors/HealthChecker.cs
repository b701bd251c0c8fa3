using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Emulator.Executors;

public enum HealthCheckOutcomeKind
{
    /// <summary>Still proving health (vCurrent, STARTING): the executor sends nothing.</summary>
    Proving,

    /// <summary>This check made the task healthy: a vCurrent executor now sends RUNNING "Task is healthy.".</summary>
    BecameHealthy,

    /// <summary>Healthy and still so.</summary>
    Healthy,

    /// <summary>The executor sends FAILED with <see cref="HealthCheckOutcome.Message"/>.</summary>
    Failed,
}

/// <summary>What the checker reports after one tick of its loop.</summary>
/// <param name="Kind">The state the checker is in.</param>
/// <param name="FailureReason">
/// When <see cref="HealthCheckOutcomeKind.Failed"/>: Aurora's bare <c>reason</c>, i.e. the failing check's own reason,
/// or <see cref="ExecutorMessages.NotEnoughSuccesses"/> once the attempt budget is spent. Null otherwise.
/// </param>
/// <param name="Message">
/// The exact text the executor sends with the status it reports in this state (the reason of
/// <c>HealthChecker.status</c>, health_checker.py 278-286, which <c>AuroraExecutor</c> forwards verbatim):
/// "Task is healthy." with RUNNING, "Failed health check! &lt;reason&gt;" with FAILED; null while STARTING and for a vPrev
/// checker that is healthy (its status is None then), as the executor sends nothing.
/// </param>
/// <param name="CheckPerformed">
/// False on the tick where Aurora enforces its deadline: that tick fails the task without running a check
/// (health_checker.py 195-202), so the check's result passed to Record was not looked at.
/// </param>
public sealed record HealthCheckOutcome(
    HealthCheckOutcomeKind Kind,
    string? FailureReason = null,
    string? Message = null,
    bool CheckPerformed = true);

/// <summary>
/// Thermos's health checker (Aurora <c>health_checker.py</c>, <c>ThreadedHealthChecker</c>) as a pure state machine:
/// one <see cref="Record(bool, string?, double)"/> call per tick of its loop.
/// <para>
/// Scheduling (what the engine must do). vCurrent (<see cref="GatesRunning"/>): the loop checks first and sleeps after
/// (health_checker.py 210-214), and it starts right after the process does, so the first check runs at process start
/// + <see cref="FirstCheckAfterSecs"/> (0). Each check takes <see cref="CheckDurationSecs"/> (a slow check is cut off
/// at timeout_secs); call Record when its result is known, then start the next check interval_secs later. vPrev
/// (Aurora before AURORA-894): the loop sleeps initial_interval_secs before its first check
/// (<see cref="FirstCheckAfterSecs"/>), then checks every interval_secs the same way.
/// </para>
/// <para>
/// Rules (vCurrent), with m = ceil(initial_interval_secs / interval_secs) forgiving attempts and
/// M = m + max_consecutive_failures + min_consecutive_successes (Aurora's max_attempts_to_running):
/// <list type="bullet">
/// <item>a failure resets the consecutive successes; while the attempt count is at most m it is then ignored, before
/// and after RUNNING (149-150, 182-186);</item>
/// <item>while not RUNNING, a counted failure fails fast when more than one attempt remains and the successes needed
/// exceed the attempts remaining (174-180); any counted failure fails once consecutive failures exceed
/// max_consecutive_failures (157-161); both carry the check's own reason;</item>
/// <item>min_consecutive_successes passes in a row make the task RUNNING (163-168);</item>
/// <item>the attempt count stops at M + 1 (205-206); a tick that finds it above M before RUNNING fails with
/// "Not enough successful health checks in time." without checking (188-202);</item>
/// <item>a check slower than timeout_secs is a failed check, with the HTTP signaler's timeout reason.</item>
/// </list>
/// Every failure is sent as "Failed health check! &lt;reason&gt;" (285). Aurora's thread keeps checking after a
/// failure until the executor stops it, and this checker keeps its counters moving the same way, but the outcome stays
/// the first failure: <c>ChainedStatusChecker</c> latches the first terminal status (status_checker.py 116-135) and the
/// status manager, polling every 500 ms, shuts the task down with it.
/// </para>
/// </summary>
public sealed class HealthChecker
{
    /// <summary>
    /// The URL the default timeout reason names: Aurora's default HTTP endpoint '/health' on a stand-in for the task's
    /// assigned 'health' port (the emulator assigns no ports).
    /// </summary>
    public const string DefaultHealthEndpoint = "http://localhost:31000/health";

    private static readonly string DefaultTimeoutReason = HttpTimeoutReason(DefaultHealthEndpoint);

    private HealthCheckOutcome? _failure;

    /// <param name="config">The task's health check configuration.</param>
    /// <param name="gatesRunning">True for a vCurrent executor (RUNNING waits for the checks), false for vPrev.</param>
    /// <param name="timeoutReason">
    /// The reason a check slower than timeout_secs fails with; by default the HTTP signaler's, for
    /// <see cref="DefaultHealthEndpoint"/>. A shell health check would use <see cref="ExecutorMessages.ShellHealthCheckTimedOut"/>.
    /// </param>
    public HealthChecker(HealthCheckConfig config, bool gatesRunning, string? timeoutReason = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        GatesRunning = gatesRunning;
        Running = !gatesRunning;
        TimeoutReason = timeoutReason ?? DefaultTimeoutReason;
        GraceAttempts = config.GraceAttempts;
        MaxAttemptsToRunning = GraceAttempts + config.MaxConsecutiveFailures + config.MinConsecutiveSuccesses;
    }

    public HealthCheckConfig Config { get; }

    public bool GatesRunning { get; }

    /// <summary>vPrev executors report RUNNING before checking, so they start out "running".</summary>
    public bool Running { get; private set; }

    public bool Failed => _failure is not null;

    /// <summary>Why the checker failed the task (the first failure); null while it has not.</summary>
    public string? FailureReason => _failure?.FailureReason;

    /// <summary>The FAILED status message, "Failed health check! &lt;reason&gt;"; null while not failed.</summary>
    public string? FailureMessage => _failure?.Message;

    /// <summary>The reason a check slower than timeout_secs fails with.</summary>
    public string TimeoutReason { get; }

    /// <summary>Forgiving attempts: ceil(initial_interval_secs / interval_secs).</summary>
    public int GraceAttempts { get; }

    /// <summary>Aurora's max_attempts_to_running: forgiving attempts + max_consecutive_failures + min_consecutive_successes.</summary>
    public int MaxAttemptsToRunning { get; }

    /// <summary>
    /// Checks a vCurrent executor makes before giving up on RUNNING: the attempt count may reach
    /// <see cref="MaxAttemptsToRunning"/> + 1 before the deadline is enforced.
    /// </summary>
    public int CheckBudget => MaxAttemptsToRunning + 1;

    /// <summary>Aurora's attempt counter (vCurrent only; it stops at <see cref="CheckBudget"/>). vPrev checkers have none.</summary>
    public int Attempts { get; private set; }

    /// <summary>Checks actually performed (Aurora's 'checks' metric).</summary>
    public int Checks { get; private set; }

    public int ConsecutiveSuccesses { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    /// <summary>
    /// True when the next <see cref="Record(bool, string?, double)"/> enforces the deadline: it fails the task with
    /// "Not enough successful health checks in time." and performs no check, so the engine need not probe.
    /// </summary>
    public bool DeadlineReached => GatesRunning && !Running && Attempts > MaxAttemptsToRunning;

    /// <summary>When the first check runs, in seconds after the process starts.</summary>
    public double FirstCheckAfterSecs => GatesRunning ? 0 : Config.InitialIntervalSecs;

    public HealthCheckProgress Progress => new(
        ConsecutiveSuccesses, ConsecutiveFailures, Attempts, CheckBudget,
        Config.MinConsecutiveSuccesses, GraceAttempts);

    /// <summary>The HTTP signaler's reason for a query that timed out (http_signaler.py: socket.timeout).</summary>
    public static string HttpTimeoutReason(string url) =>
        $"{ExecutorMessages.FailedToSignalPrefix}{url}: {ExecutorMessages.ErrorWithinTimeout}";

    /// <summary>How long a check whose endpoint answers after <paramref name="latencySecs"/> takes: at most timeout_secs.</summary>
    public double CheckDurationSecs(double latencySecs) => Math.Min(CheckLatency(latencySecs), Config.TimeoutSecs);

    /// <summary>One tick of the loop, for a check that answered at once.</summary>
    public HealthCheckOutcome Record(bool passed, string? reason) => Record(passed, reason, 0);

    /// <summary>
    /// One tick of the loop. <paramref name="passed"/> and <paramref name="reason"/> are what the endpoint answered;
    /// <paramref name="latencySecs"/> how long it took to answer. Slower than timeout_secs, the check fails with
    /// <see cref="TimeoutReason"/> whatever the answer would have been.
    /// </summary>
    public HealthCheckOutcome Record(bool passed, string? reason, double latencySecs)
    {
        if (CheckLatency(latencySecs) > Config.TimeoutSecs) (passed, reason) = (false, TimeoutReason);
        return GatesRunning ? RecordGated(passed, reason) : RecordUngated(passed, reason);
    }

    private static double CheckLatency(double latencySecs) =>
        double.IsNaN(latencySecs) || latencySecs < 0
            ? throw new ArgumentOutOfRangeException(nameof(latencySecs), latencySecs, "latency must be >= 0")
            : latencySecs;

    private HealthCheckOutcome RecordGated(bool passed, string? reason)
    {
        if (DeadlineReached) return Fail(ExecutorMessages.NotEnoughSuccesses, checkPerformed: false);

        Checks++;
        if (Attempts <= MaxAttemptsToRunning) Attempts++;

        if (passed)
        {
            ConsecutiveSuccesses++;
            var became = !Running && ConsecutiveSuccesses >= Config.MinConsecutiveSuccesses;
            if (became) Running = true;
            ConsecutiveFailures = 0;
            return Current(became);
        }

        ConsecutiveSuccesses = 0;
        if (Attempts <= GraceAttempts) return Current(became: false);

        var failFast = ShouldFailFast();
        ConsecutiveFailures++;
        return failFast || ConsecutiveFailures > Config.MaxConsecutiveFailures ? Fail(reason) : Current(became: false);
    }

    /// <summary>
    /// Successes needed (all of them: a failure has just reset the count) exceed the attempts left, and more than one
    /// attempt is left. With one attempt or none left Aurora lets the check count run on to the deadline instead.
    /// </summary>
    private bool ShouldFailFast()
    {
        if (Running) return false;
        var attemptsRemaining = MaxAttemptsToRunning - Attempts;
        var successesNeeded = Config.MinConsecutiveSuccesses - ConsecutiveSuccesses;
        return attemptsRemaining > 1 && successesNeeded > attemptsRemaining;
    }

    /// <summary>
    /// vPrev: Aurora's checker before AURORA-894. It has no attempt counter and no forgiving attempts: its grace is
    /// time, a sleep of initial_interval_secs before the first check (hence <see cref="FirstCheckAfterSecs"/>), after
    /// which every failure counts and the task fails once consecutive failures exceed max_consecutive_failures. With
    /// initial_interval_secs = 0 it checks once in its constructor and a failure there is fatal at once, whatever
    /// max_consecutive_failures says; the loop's own first check follows immediately and is taken to see the same
    /// answer, so one Record stands for both.
    /// </summary>
    private HealthCheckOutcome RecordUngated(bool passed, string? reason)
    {
        Checks++;
        if (passed)
        {
            ConsecutiveSuccesses++;
            ConsecutiveFailures = 0;
            return Current(became: false);
        }

        ConsecutiveSuccesses = 0;
        ConsecutiveFailures++;
        var constructorCheck = Checks == 1 && Config.InitialIntervalSecs == 0;
        return constructorCheck || ConsecutiveFailures > Config.MaxConsecutiveFailures ? Fail(reason) : Current(became: false);
    }

    /// <summary>The latched failure, else the state: vCurrent sends "Task is healthy." with RUNNING; vPrev's healthy status is None.</summary>
    private HealthCheckOutcome Current(bool became)
    {
        if (_failure is not null) return _failure;
        if (!Running) return new(HealthCheckOutcomeKind.Proving);
        var kind = became ? HealthCheckOutcomeKind.BecameHealthy : HealthCheckOutcomeKind.Healthy;
        return new(kind, Message: GatesRunning ? ExecutorMessages.TaskIsHealthy : null);
    }

    /// <summary>The first failure is latched; a None reason renders as Python's '%s' does.</summary>
    private HealthCheckOutcome Fail(string? reason, bool checkPerformed = true)
    {
        if (_failure is null)
        {
            var text = reason ?? ExecutorMessages.PythonNone;
            _failure = new(HealthCheckOutcomeKind.Failed, text, ExecutorMessages.FailedHealthCheck(text));
        }

        return _failure with { CheckPerformed = checkPerformed };
    }
}
