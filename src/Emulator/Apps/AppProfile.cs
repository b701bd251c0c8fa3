namespace Rollout.Emulator.Apps;

/// <summary>An inclusive range of seconds a value is drawn from, uniformly.</summary>
public sealed record SecondsRange(double Min, double Max)
{
    public double Draw(Random random) => Max <= Min ? Min : Min + (random.NextDouble() * (Max - Min));
}

/// <summary>How an application behaves once its process starts.</summary>
public sealed record AppProfile
{
    /// <summary>From STARTING to the process running.</summary>
    public double ProcessStartSecs { get; init; } = 2;

    /// <summary>Time from process start until health checks pass.</summary>
    public SecondsRange HealthyAfterSecs { get; init; } = new(5, 15);

    /// <summary>Health checks never pass.</summary>
    public bool NeverHealthy { get; init; }

    /// <summary>The process crashes this long after it starts reporting RUNNING.</summary>
    public double? CrashAfterRunningSecs { get; init; }

    /// <summary>Once healthy, the chance that any one check fails.</summary>
    public double FlapFailureRate { get; init; }

    /// <summary>
    /// How long the health endpoint takes to answer one check. A check slower than the health check's timeout_secs is
    /// a failed check (see Executors.HealthChecker). Default 0..0: answers at once.
    /// </summary>
    public SecondsRange CheckLatencySecs { get; init; } = new(0, 0);

    /// <summary>From KILLING to KILLED.</summary>
    public double KillSecs { get; init; } = 2;

    public IReadOnlyList<string> Validate(string path)
    {
        var errors = new List<string>();
        if (ProcessStartSecs < 0) errors.Add($"{path}.processStartSecs must be >= 0");
        if (HealthyAfterSecs.Min < 0 || HealthyAfterSecs.Max < HealthyAfterSecs.Min)
            errors.Add($"{path}.healthyAfterSecs must have 0 <= min <= max");
        if (CrashAfterRunningSecs is < 0) errors.Add($"{path}.crashAfterRunningSecs must be >= 0");
        if (FlapFailureRate is < 0 or > 1) errors.Add($"{path}.flapFailureRate must be within [0, 1]");
        if (CheckLatencySecs is null || CheckLatencySecs.Min < 0 || CheckLatencySecs.Max < CheckLatencySecs.Min)
            errors.Add($"{path}.checkLatencySecs must have 0 <= min <= max");
        if (KillSecs < 0) errors.Add($"{path}.killSecs must be >= 0");
        return errors;
    }
}

/// <summary>One task configuration: what the updater rolls to or from.</summary>
public sealed record TaskSpec(string Version, Domain.Model.HealthCheckConfig? HealthCheck, AppProfile App);
