namespace Rollout.Domain.Model;

/// <summary>Thermos HealthCheckConfig with Aurora's defaults.</summary>
public sealed record HealthCheckConfig(
    int InitialIntervalSecs = 15,
    int IntervalSecs = 10,
    int MaxConsecutiveFailures = 0,
    int MinConsecutiveSuccesses = 1,
    int TimeoutSecs = 1)
{
    /// <summary>Attempts whose failures are forgiven: ceil(initial_interval_secs / interval_secs).</summary>
    public int GraceAttempts => IntervalSecs <= 0 ? 0 : (InitialIntervalSecs + IntervalSecs - 1) / IntervalSecs;

    /// <summary>
    /// Checks a vCurrent executor makes at most while STARTING: Aurora's max_attempts_to_running
    /// (grace + max failures + min successes) plus one; the tick after that fails the task.
    /// </summary>
    public int AttemptsAllowed => GraceAttempts + MaxConsecutiveFailures + MinConsecutiveSuccesses + 1;

    /// <summary>Names every invalid field, or returns an empty list.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (InitialIntervalSecs < 0) errors.Add("initialIntervalSecs must be >= 0");
        if (IntervalSecs <= 0) errors.Add("intervalSecs must be > 0");
        if (MaxConsecutiveFailures < 0) errors.Add("maxConsecutiveFailures must be >= 0");
        if (MinConsecutiveSuccesses < 1) errors.Add("minConsecutiveSuccesses must be >= 1");
        if (TimeoutSecs <= 0) errors.Add("timeoutSecs must be > 0");
        return errors;
    }
}

/// <summary>Structured progress of a health checker, as a vCurrent executor reports it.</summary>
public sealed record HealthCheckProgress(
    int ConsecutiveSuccesses,
    int ConsecutiveFailures,
    int AttemptsUsed,
    int AttemptsAllowed,
    int RequiredSuccesses,
    int GraceAttempts)
{
    public int AttemptsLeft => Math.Max(0, AttemptsAllowed - AttemptsUsed);

    public override string ToString() =>
        $"{ConsecutiveSuccesses}/{RequiredSuccesses} passes, {AttemptsLeft} attempts left";
}
