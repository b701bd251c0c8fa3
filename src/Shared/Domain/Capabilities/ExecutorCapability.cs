namespace Rollout.Domain.Capabilities;

/// <summary>
/// Capabilities an executor may advertise in its status messages (S2). Each is named for what it
/// promises; the string form in messages is exactly the contract's enum value name (SCREAMING_SNAKE).
/// </summary>
public enum ExecutorCapability
{
    /// <summary>RUNNING is only sent after the task's health checks have passed.</summary>
    HealthGatedRunning,

    /// <summary>While STARTING the executor reports structured health-check progress.</summary>
    HealthCheckProgress,

    /// <summary>The executor honours a graceful shutdown window before killing the task.</summary>
    GracefulShutdown,
}

public static class ExecutorCapabilities
{
    public const string HealthGatedRunning = "HEALTH_GATED_RUNNING";
    public const string HealthCheckProgress = "HEALTH_CHECK_PROGRESS";
    public const string GracefulShutdown = "GRACEFUL_SHUTDOWN";

    public static string WireName(this ExecutorCapability capability) => capability switch
    {
        ExecutorCapability.HealthGatedRunning => HealthGatedRunning,
        ExecutorCapability.HealthCheckProgress => HealthCheckProgress,
        ExecutorCapability.GracefulShutdown => GracefulShutdown,
        _ => capability.ToString(),
    };

    /// <summary>The capability named exactly <paramref name="name"/>, if any.</summary>
    public static ExecutorCapability? FromWireName(string name) => FromWireName(name.AsSpan());

    /// <summary>Exact names only: any other spelling is not this capability.</summary>
    public static ExecutorCapability? FromWireName(ReadOnlySpan<char> name) => name switch
    {
        HealthGatedRunning => ExecutorCapability.HealthGatedRunning,
        HealthCheckProgress => ExecutorCapability.HealthCheckProgress,
        GracefulShutdown => ExecutorCapability.GracefulShutdown,
        _ => null,
    };

    /// <summary>The message suffix an executor appends, e.g. "capabilities:A,B".</summary>
    public static string Format(IEnumerable<ExecutorCapability> capabilities) =>
        CapabilityParser.Prefix + string.Join(',', capabilities.Select(WireName));
}
