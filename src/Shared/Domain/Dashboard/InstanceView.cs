using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Dashboard;

/// <summary>What the instance's health checks say, in an operator's words.</summary>
public enum HealthState
{
    /// <summary>No task for the new configuration yet.</summary>
    NotStarted,

    /// <summary>The task defines no health check.</summary>
    NoHealthCheck,

    /// <summary>A vCurrent executor is checking while holding STARTING.</summary>
    Checking,

    /// <summary>RUNNING after passing its checks.</summary>
    Healthy,

    /// <summary>RUNNING on an executor that does not gate on health: not known to be healthy.</summary>
    Unverified,

    /// <summary>The task failed its health checks.</summary>
    Failed,

    /// <summary>The task ended for another reason (killed, lost, crashed).</summary>
    Ended,
}

/// <summary>
/// One instance of one update as the grid and table show it: compact, so that 10,000 of them make
/// a small snapshot. The why (reasons, verdicts, evidence, timeline) is an <see cref="InstanceDetail"/>,
/// fetched on demand. Times are the scheduler's clock.
/// </summary>
/// <param name="WatchDeadline">While watch_secs runs: when it ends. Browsers count down to it themselves.</param>
/// <param name="Hazards">Hazard codes (<see cref="Hazard.Code"/>); usually empty.</param>
public sealed record InstanceView(
    int InstanceId,
    string TaskId,
    TaskState? TaskStatus,
    string Host,
    ExecutorVersion ExecutorVersion,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<string> UnknownCapabilities,
    HealthState HealthState,
    HealthCheckProgress? Progress,
    GatingMode GatingMode,
    DateTimeOffset? WatchDeadline,
    GatingMode? UpdaterDecision,
    IReadOnlyList<string> Hazards,
    InstanceAction? UpdateAction,
    int Failures)
{
    /// <summary>Value equality, lists included: an unchanged instance is never sent again.</summary>
    public bool Equals(InstanceView? other) =>
        other is not null
        && InstanceId == other.InstanceId && TaskId == other.TaskId && TaskStatus == other.TaskStatus && Host == other.Host
        && ExecutorVersion == other.ExecutorVersion && HealthState == other.HealthState && Progress == other.Progress
        && GatingMode == other.GatingMode && WatchDeadline == other.WatchDeadline && UpdaterDecision == other.UpdaterDecision
        && UpdateAction == other.UpdateAction && Failures == other.Failures
        && Capabilities.SequenceEqual(other.Capabilities) && UnknownCapabilities.SequenceEqual(other.UnknownCapabilities)
        && Hazards.SequenceEqual(other.Hazards);

    public override int GetHashCode() => HashCode.Combine(InstanceId, TaskId, TaskStatus, HealthState, GatingMode, UpdateAction);

    /// <summary>An instance of the update with no task for it yet.</summary>
    public static InstanceView NotStarted(int id) => new(
        id, string.Empty, null, string.Empty, ExecutorVersion.Unknown, [], [], HealthState.NotStarted, null,
        GatingMode.Undetermined, null, null, [], null, 0);
}
