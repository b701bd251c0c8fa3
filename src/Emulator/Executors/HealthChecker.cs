using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Emulator.Executors;

public enum HealthCheckOutcomeKind
{
    /// <summary>Still proving health (vCurrent, STARTING).</summary>
    Proving,

    /// <summary>This check made the task healthy: a vCurrent executor now sends RUNNING.</summary>
    BecameHealthy,

    /// <summary>Healthy and still so.</summary>
    Healthy,

    /// <summary>The task fails with "Failed health check! reason".</summary>
    Failed,
}

public sealed record HealthCheckOutcome(HealthCheckOutcomeKind Kind, string? FailureReason = null);

/// <summary>
/// Thermos's health checker as a pure state machine, one call per check attempt.
/// vCurrent (gates RUNNING): the first ceil(initial/interval) attempts forgive failures; RUNNING after
/// min_consecutive_successes passes in a row; fails when that has not happened within
/// grace + max_consecutive_failures + min_consecutive_successes attempts, or as soon as the successes
/// still needed exceed the attempts left. After RUNNING, and always for vPrev, the task fails once
/// consecutive failures exceed max_consecutive_failures.
/// </summary>
public sealed class HealthChecker(HealthCheckConfig config, bool gatesRunning)
{
    public HealthCheckConfig Config { get; } = config;

    public bool GatesRunning { get; } = gatesRunning;

    /// <summary>vPrev executors report RUNNING before checking, so they start out "running".</summary>
    public bool Running { get; private set; } = !gatesRunning;

    public bool Failed => FailureReason is not null;

    /// <summary>Why the checker failed the task; null while it has not.</summary>
    public string? FailureReason { get; private set; }

    public int Attempts { get; private set; }

    public int ConsecutiveSuccesses { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    public HealthCheckProgress Progress => new(
        ConsecutiveSuccesses, ConsecutiveFailures, Attempts, Config.AttemptsAllowed,
        Config.MinConsecutiveSuccesses, Config.GraceAttempts);

    public HealthCheckOutcome Record(bool passed, string? reason)
    {
        if (Failed) return new(HealthCheckOutcomeKind.Failed, FailureReason);
        Attempts++;
        return Running ? RecordWhileRunning(passed, reason) : RecordWhileProving(passed, reason);
    }

    private HealthCheckOutcome RecordWhileRunning(bool passed, string? reason)
    {
        if (passed)
        {
            ConsecutiveFailures = 0;
            ConsecutiveSuccesses++;
            return new(HealthCheckOutcomeKind.Healthy);
        }

        ConsecutiveSuccesses = 0;
        ConsecutiveFailures++;
        return ConsecutiveFailures > Config.MaxConsecutiveFailures
            ? Fail(reason ?? "health check failed")
            : new(HealthCheckOutcomeKind.Healthy);
    }

    private HealthCheckOutcome RecordWhileProving(bool passed, string? reason)
    {
        if (passed)
        {
            ConsecutiveSuccesses++;
            ConsecutiveFailures = 0;
            if (ConsecutiveSuccesses >= Config.MinConsecutiveSuccesses)
            {
                Running = true;
                return new(HealthCheckOutcomeKind.BecameHealthy);
            }
        }
        else
        {
            ConsecutiveSuccesses = 0;
            if (Attempts > Config.GraceAttempts) ConsecutiveFailures++;
        }

        var attemptsLeft = Config.AttemptsAllowed - Attempts;
        var successesNeeded = Config.MinConsecutiveSuccesses - ConsecutiveSuccesses;
        return successesNeeded > attemptsLeft
            ? Fail(ExecutorMessages.NotEnoughSuccesses)
            : new(HealthCheckOutcomeKind.Proving);
    }

    private HealthCheckOutcome Fail(string reason)
    {
        FailureReason = reason;
        return new(HealthCheckOutcomeKind.Failed, reason);
    }
}
