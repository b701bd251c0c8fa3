using Rollout.Domain.Model;
using Rollout.Emulator.Apps;

namespace Rollout.Emulator.Scenarios;

/// <summary>A named, replayable situation: hosts, jobs, their updates and what happens over time.</summary>
public sealed record ScenarioDefinition
{
    public string Name { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public HostsDefinition Hosts { get; init; } = new();

    /// <summary>The executor itself being rolled out mid-run.</summary>
    public IReadOnlyList<ExecutorRolloutDefinition> ExecutorRollouts { get; init; } = [];

    public IReadOnlyList<JobDefinition> Jobs { get; init; } = [];
}

public sealed record HostsDefinition
{
    public int Count { get; init; } = 10;

    public double VCurrentFraction { get; init; } = 1;
}

public sealed record ExecutorRolloutDefinition
{
    public double AtSecs { get; init; }

    public double VCurrentFraction { get; init; } = 1;
}

public sealed record JobDefinition
{
    public string Role { get; init; } = string.Empty;

    public string Environment { get; init; } = "prod";

    public string Name { get; init; } = string.Empty;

    public int Instances { get; init; } = 1;

    public TaskConfigDefinition Config { get; init; } = new();

    public IReadOnlyList<UpdateDefinition> Updates { get; init; } = [];

    public JobKey Key => new(Role, Environment, Name);
}

public sealed record TaskConfigDefinition
{
    public string Version { get; init; } = "v1";

    /// <summary>Null: the task defines no health check.</summary>
    public HealthCheckConfig? HealthCheck { get; init; }

    public AppProfile App { get; init; } = new();

    public TaskSpec ToSpec() => new(Version, HealthCheck, App);
}

public sealed record UpdateDefinition
{
    public string? Id { get; init; }

    public double AtSecs { get; init; }

    public string User { get; init; } = "operator";

    /// <summary>Desired instance count; the job's count when absent.</summary>
    public int? Instances { get; init; }

    public TaskConfigDefinition Config { get; init; } = new();

    public UpdateSettings Settings { get; init; } = new();

    /// <summary>S1, S2 or S3.</summary>
    public string DetectionStrategy { get; init; } = "S2";

    /// <summary>For coordinated updates: when the scenario sends pulses.</summary>
    public PulseDefinition? Pulses { get; init; }
}

public sealed record PulseDefinition
{
    public double FromSecs { get; init; }

    public double EverySecs { get; init; } = 10;

    public double UntilSecs { get; init; }
}
