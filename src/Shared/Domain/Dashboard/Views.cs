using Rollout.Domain.Events;
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

/// <summary>One instance of one update, as the dashboard shows it.</summary>
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
    string GatingReason,
    int WatchSecs,
    long? WatchRemainingMs,
    GatingMode? UpdaterDecision,
    string UpdaterDecisionReason,
    IReadOnlyList<HazardView> Hazards,
    InstanceAction? UpdateAction,
    int Failures,
    IReadOnlyList<VerdictView> Verdicts);

public sealed record StatusChangeView(DateTimeOffset Timestamp, UpdateStatus Status, string User, string Message);

public sealed record EventTailItem(DateTimeOffset Timestamp, string Text);

/// <summary>One update: header, settings, counts, history and a tail of its events.</summary>
public sealed record UpdateView(
    string Key,
    JobKey Job,
    string UpdateId,
    UpdateStatus Status,
    string User,
    DateTimeOffset Created,
    DateTimeOffset LastModified,
    DetectionStrategy DetectionStrategy,
    UpdateSettings Settings,
    TaskConfigSummary? DesiredConfig,
    int InstanceCount,
    int UpdatedCount,
    int FailedCount,
    int HealthGatedCount,
    int WatchSecsCount,
    int UndeterminedCount,
    int HazardCount,
    DateTimeOffset? PulseDeadline,
    long? PulseRemainingMs,
    IReadOnlyList<StatusChangeView> History,
    IReadOnlyList<EventTailItem> EventTail);

public enum UpstreamState
{
    Connecting,
    Live,
    Reconnecting,
    Lost,
}

/// <summary>The server's link to the scheduler. Times are the server's clock.</summary>
public sealed record ConnectionView(
    UpstreamState State,
    DateTimeOffset? Since,
    DateTimeOffset? LastEventAt,
    string Detail,
    long BadMessages)
{
    public static ConnectionView Initial { get; } = new(UpstreamState.Connecting, null, null, string.Empty, 0);
}

public sealed record UpdateInstances(string UpdateKey, IReadOnlyList<InstanceView> Instances);

/// <summary>Everything, tagged (epoch, version): deltas with a higher version follow.</summary>
public sealed record DashboardSnapshot(
    string Epoch,
    long Version,
    ConnectionView Connection,
    IReadOnlyList<UpdateView> Updates,
    IReadOnlyList<UpdateInstances> Instances);

public sealed record InstanceDelta(string UpdateKey, InstanceView Instance);

/// <summary>What changed since the previous version; changes to one instance are coalesced.</summary>
public sealed record DeltaBatch(
    string Epoch,
    long Version,
    ConnectionView? Connection,
    IReadOnlyList<UpdateView> Updates,
    IReadOnlyList<string> RemovedUpdates,
    IReadOnlyList<InstanceDelta> Instances);

/// <summary>One status update of an instance's task, for its timeline. Long messages are cut.</summary>
public sealed record TaskEventView(
    string TaskId,
    TaskState State,
    string Message,
    int MessageLength,
    DateTimeOffset Timestamp,
    StatusSource Source,
    string Host,
    HealthCheckProgress? Progress);

public sealed record InstanceDetail(string UpdateKey, int InstanceId, IReadOnlyList<TaskEventView> Timeline);

public sealed record CommandRequest(string UpdateKey, string Message, string User);
