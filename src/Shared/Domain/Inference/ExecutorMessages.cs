namespace Rollout.Domain.Inference;

/// <summary>The exact messages thermos executors send (health_checker.py and friends).</summary>
public static class ExecutorMessages
{
    public const string TaskIsHealthy = "Task is healthy.";
    public const string NoHealthCheckDefined = "No health-check defined, task is assumed healthy.";
    public const string FailedHealthCheckPrefix = "Failed health check! ";
    public const string NotEnoughSuccesses = "Not enough successful health checks in time.";

    public static string FailedHealthCheck(string reason) => FailedHealthCheckPrefix + reason;
}
