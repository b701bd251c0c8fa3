namespace Rollout.Server.Api;

// The read-only JSON API is a public contract for scripts: these names stay stable.

public sealed record ApiUpdateSummary(
    string JobKey,
    string UpdateId,
    string Status,
    string User,
    string DetectionStrategy,
    int InstanceCount,
    int UpdatedCount,
    int FailedCount);

public sealed record ApiSettings(
    string Strategy,
    int GroupSize,
    IReadOnlyList<int> GroupSizes,
    int WatchSecs,
    int MaxPerInstanceFailures,
    int MaxFailedInstances,
    bool RollbackOnFailure,
    bool ExecutorDrivenUpdates,
    bool AutoPauseAfterBatch,
    int PulseIntervalSecs);

public sealed record ApiInstance(
    int InstanceId,
    string TaskId,
    string? TaskStatus,
    string Host,
    string ExecutorVersion,
    IReadOnlyList<string> Capabilities,
    IReadOnlyList<string> UnknownCapabilities,
    string HealthState,
    string GatingMode,
    string GatingReason,
    long? WatchRemainingMs,
    DateTimeOffset? WatchDeadline,
    IReadOnlyList<string> Hazards,
    string? UpdateAction);

public sealed record ApiUpdateDetail(
    string JobKey,
    string UpdateId,
    string Status,
    string User,
    string DetectionStrategy,
    int InstanceCount,
    int UpdatedCount,
    int FailedCount,
    ApiSettings Settings,
    IReadOnlyList<ApiInstance> Instances);
