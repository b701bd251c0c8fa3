using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Dashboard;

/// <summary>One strategy's verdict for one instance, with its evidence.</summary>
public sealed record VerdictView(
    DetectionStrategy Strategy,
    ExecutorVersion Version,
    bool RunningMeansHealthy,
    string Evidence,
    DateTimeOffset? At,
    bool Assumed,
    bool UsedByUpdater);

public sealed record HazardView(string Code, string Description);

/// <summary>One status update of an instance's task, for its timeline. Long messages are cut.</summary>
/// <param name="UnknownState">The wire number when <paramref name="State"/> is <see cref="TaskState.Unknown"/>.</param>
public sealed record TaskEventView(
    string TaskId,
    TaskState State,
    string Message,
    int MessageLength,
    DateTimeOffset Timestamp,
    StatusSource Source,
    string Host,
    HealthCheckProgress? Progress,
    int? UnknownState = null)
{
    /// <summary>The state's wire name, or "UNKNOWN(17)".</summary>
    public string StateName() => State.DisplayName(UnknownState);
}

/// <summary>One instance in depth, on demand: why it is gated as it is, and its task's timeline.</summary>
public sealed record InstanceDetail(
    string UpdateKey,
    InstanceView Instance,
    string GatingReason,
    string UpdaterDecisionReason,
    IReadOnlyList<HazardView> Hazards,
    IReadOnlyList<VerdictView> Verdicts,
    IReadOnlyList<TaskEventView> Timeline)
{
    public int InstanceId => Instance.InstanceId;
}
