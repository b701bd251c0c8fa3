namespace Rollout.Domain.Inference;

/// <summary>The exact messages thermos executors send (health_checker.py and friends).</summary>
public static class ExecutorMessages
{
    public const string TaskIsHealthy = "Task is healthy.";
    public const string NoHealthCheckDefined = "No health-check defined, task is assumed healthy.";
    public const string FailedHealthCheckPrefix = "Failed health check! ";
    public const string NotEnoughSuccesses = "Not enough successful health checks in time.";

    /// <summary>http_signaler.py: every failed query's reason starts "Failed to signal &lt;url&gt;: ".</summary>
    public const string FailedToSignalPrefix = "Failed to signal ";

    /// <summary>http_signaler.py: the query's reason when the endpoint does not answer within timeout_secs.</summary>
    public const string ErrorWithinTimeout = "Error within timeout";

    /// <summary>shell.py: a shell health check that runs longer than timeout_secs.</summary>
    public const string ShellHealthCheckTimedOut = "Health check timed out.";

    /// <summary>How Python's '%s' renders a None reason in "Failed health check! %s".</summary>
    public const string PythonNone = "None";

    public static string FailedHealthCheck(string reason) => FailedHealthCheckPrefix + reason;
}
