using Rollout.Domain.Model;

namespace Rollout.Domain.Inference;

/// <summary>What supports a verdict: which message or bit, seen when.</summary>
public sealed record Evidence(string Description, DateTimeOffset? At = null);

/// <summary>One strategy's answer for one instance.</summary>
/// <param name="Assumed">True when the version is assumed (S3) rather than observed.</param>
public sealed record InferenceVerdict(
    DetectionStrategy Strategy,
    ExecutorVersion Version,
    bool RunningMeansHealthy,
    Evidence Evidence,
    bool Assumed = false)
{
    public bool Determined => Version != ExecutorVersion.Unknown;
}

/// <summary>Everything a strategy may look at: the new task's history, the settings, the desired health check.</summary>
public sealed record InferenceInput(
    IReadOnlyList<TaskStatusUpdate> TaskHistory,
    UpdateSettings Settings,
    HealthCheckConfig? HealthCheck);

/// <summary>One way to infer whether RUNNING can be trusted as healthy.</summary>
public interface IExecutorInference
{
    DetectionStrategy Strategy { get; }

    InferenceVerdict Infer(InferenceInput input);
}
