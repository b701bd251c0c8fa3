using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Contracts.Mapping;

/// <summary>
/// Domain and wire enums, both ways, every value named. An unknown wire value is a clear
/// <see cref="ContractDataException"/> (bad input), except where what it belongs to can be kept without
/// it: a task state or detection strategy this build does not know maps to its <c>Unknown</c> member,
/// an unknown gating mode to <see cref="GatingMode.Undetermined"/>; the message mapping keeps the number
/// (<see cref="UnknownNumber(Wire.TaskState)"/> and its overloads) so it is shown and counted. An unknown
/// domain value is refused outbound.
/// </summary>
public static class EnumMapping
{
    public static Wire.TaskState ToProto(this TaskState state) => state switch
    {
        TaskState.Pending => Wire.TaskState.Pending,
        TaskState.Assigned => Wire.TaskState.Assigned,
        TaskState.Starting => Wire.TaskState.Starting,
        TaskState.Running => Wire.TaskState.Running,
        TaskState.Killing => Wire.TaskState.Killing,
        TaskState.Killed => Wire.TaskState.Killed,
        TaskState.Finished => Wire.TaskState.Finished,
        TaskState.Failed => Wire.TaskState.Failed,
        TaskState.Lost => Wire.TaskState.Lost,
        TaskState.Unknown => Wire.TaskState.Unspecified, // the number itself travels with the message
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static TaskState ToDomain(this Wire.TaskState state) => state switch
    {
        Wire.TaskState.Pending => TaskState.Pending,
        Wire.TaskState.Assigned => TaskState.Assigned,
        Wire.TaskState.Starting => TaskState.Starting,
        Wire.TaskState.Running => TaskState.Running,
        Wire.TaskState.Killing => TaskState.Killing,
        Wire.TaskState.Killed => TaskState.Killed,
        Wire.TaskState.Finished => TaskState.Finished,
        Wire.TaskState.Failed => TaskState.Failed,
        Wire.TaskState.Lost => TaskState.Lost,
        _ => TaskState.Unknown, // unspecified included: kept and shown, never taken as the instance's state
    };

    /// <summary>The wire number of a state this build does not know; null for a known one.</summary>
    public static int? UnknownNumber(this Wire.TaskState state) => state.ToDomain() == TaskState.Unknown ? (int)state : null;

    public static Wire.StatusSource ToProto(this StatusSource source) => source switch
    {
        StatusSource.Executor => Wire.StatusSource.Executor,
        StatusSource.Agent => Wire.StatusSource.Agent,
        StatusSource.Master => Wire.StatusSource.Master,
        StatusSource.Scheduler => Wire.StatusSource.Scheduler,
        StatusSource.Unknown => Wire.StatusSource.Unspecified,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    public static StatusSource ToDomain(this Wire.StatusSource source) => source switch
    {
        Wire.StatusSource.Executor => StatusSource.Executor,
        Wire.StatusSource.Agent => StatusSource.Agent,
        Wire.StatusSource.Master => StatusSource.Master,
        Wire.StatusSource.Scheduler => StatusSource.Scheduler,
        Wire.StatusSource.Unspecified => StatusSource.Unknown,
        _ => throw new ContractDataException($"status source {(int)source} is not a known StatusSource"),
    };

    public static Wire.UpdateStatus ToProto(this UpdateStatus status) => status switch
    {
        UpdateStatus.RollingForward => Wire.UpdateStatus.RollingForward,
        UpdateStatus.RollingBack => Wire.UpdateStatus.RollingBack,
        UpdateStatus.RollForwardPaused => Wire.UpdateStatus.RollForwardPaused,
        UpdateStatus.RollBackPaused => Wire.UpdateStatus.RollBackPaused,
        UpdateStatus.RollForwardAwaitingPulse => Wire.UpdateStatus.RollForwardAwaitingPulse,
        UpdateStatus.RollBackAwaitingPulse => Wire.UpdateStatus.RollBackAwaitingPulse,
        UpdateStatus.RolledForward => Wire.UpdateStatus.RolledForward,
        UpdateStatus.RolledBack => Wire.UpdateStatus.RolledBack,
        UpdateStatus.Aborted => Wire.UpdateStatus.Aborted,
        UpdateStatus.Error => Wire.UpdateStatus.Error,
        UpdateStatus.Failed => Wire.UpdateStatus.UpdateFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static UpdateStatus ToDomain(this Wire.UpdateStatus status) => status switch
    {
        Wire.UpdateStatus.RollingForward => UpdateStatus.RollingForward,
        Wire.UpdateStatus.RollingBack => UpdateStatus.RollingBack,
        Wire.UpdateStatus.RollForwardPaused => UpdateStatus.RollForwardPaused,
        Wire.UpdateStatus.RollBackPaused => UpdateStatus.RollBackPaused,
        Wire.UpdateStatus.RollForwardAwaitingPulse => UpdateStatus.RollForwardAwaitingPulse,
        Wire.UpdateStatus.RollBackAwaitingPulse => UpdateStatus.RollBackAwaitingPulse,
        Wire.UpdateStatus.RolledForward => UpdateStatus.RolledForward,
        Wire.UpdateStatus.RolledBack => UpdateStatus.RolledBack,
        Wire.UpdateStatus.Aborted => UpdateStatus.Aborted,
        Wire.UpdateStatus.Error => UpdateStatus.Error,
        Wire.UpdateStatus.UpdateFailed => UpdateStatus.Failed,
        _ => throw new ContractDataException($"update status {(int)status} is not a known UpdateStatus"),
    };

    public static Wire.InstanceAction ToProto(this InstanceAction action) => action switch
    {
        InstanceAction.InstanceUpdating => Wire.InstanceAction.InstanceUpdating,
        InstanceAction.InstanceUpdated => Wire.InstanceAction.InstanceUpdated,
        InstanceAction.InstanceRollingBack => Wire.InstanceAction.InstanceRollingBack,
        InstanceAction.InstanceRolledBack => Wire.InstanceAction.InstanceRolledBack,
        InstanceAction.InstanceUpdateFailed => Wire.InstanceAction.InstanceUpdateFailed,
        InstanceAction.InstanceRollbackFailed => Wire.InstanceAction.InstanceRollbackFailed,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static InstanceAction ToDomain(this Wire.InstanceAction action) => action switch
    {
        Wire.InstanceAction.InstanceUpdating => InstanceAction.InstanceUpdating,
        Wire.InstanceAction.InstanceUpdated => InstanceAction.InstanceUpdated,
        Wire.InstanceAction.InstanceRollingBack => InstanceAction.InstanceRollingBack,
        Wire.InstanceAction.InstanceRolledBack => InstanceAction.InstanceRolledBack,
        Wire.InstanceAction.InstanceUpdateFailed => InstanceAction.InstanceUpdateFailed,
        Wire.InstanceAction.InstanceRollbackFailed => InstanceAction.InstanceRollbackFailed,
        _ => throw new ContractDataException($"instance action {(int)action} is not a known InstanceAction"),
    };

    public static Wire.UpdateStrategy ToProto(this UpdateStrategyKind kind) => kind switch
    {
        UpdateStrategyKind.Queue => Wire.UpdateStrategy.Queue,
        UpdateStrategyKind.Batch => Wire.UpdateStrategy.Batch,
        UpdateStrategyKind.VariableBatch => Wire.UpdateStrategy.VariableBatch,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static UpdateStrategyKind ToDomain(this Wire.UpdateStrategy kind) => kind switch
    {
        Wire.UpdateStrategy.Queue => UpdateStrategyKind.Queue,
        Wire.UpdateStrategy.Batch => UpdateStrategyKind.Batch,
        Wire.UpdateStrategy.VariableBatch => UpdateStrategyKind.VariableBatch,
        _ => throw new ContractDataException($"update strategy {(int)kind} is not a known UpdateStrategy"),
    };

    public static Wire.DetectionStrategy ToProto(this DetectionStrategy strategy) => strategy switch
    {
        DetectionStrategy.MessagePresence => Wire.DetectionStrategy.S1MessagePresence,
        DetectionStrategy.Capabilities => Wire.DetectionStrategy.S2Capabilities,
        DetectionStrategy.SettingsBit => Wire.DetectionStrategy.S3SettingsBit,
        DetectionStrategy.Unknown => Wire.DetectionStrategy.Unspecified, // the number itself travels with the message
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null),
    };

    public static DetectionStrategy ToDomain(this Wire.DetectionStrategy strategy) => strategy switch
    {
        Wire.DetectionStrategy.S1MessagePresence => DetectionStrategy.MessagePresence,
        Wire.DetectionStrategy.S2Capabilities => DetectionStrategy.Capabilities,
        Wire.DetectionStrategy.S3SettingsBit => DetectionStrategy.SettingsBit,
        _ => DetectionStrategy.Unknown, // unspecified included: the update is kept, its gating undetermined
    };

    /// <summary>The wire number of a strategy this build does not know; null for a known one.</summary>
    public static int? UnknownNumber(this Wire.DetectionStrategy strategy) =>
        strategy.ToDomain() == DetectionStrategy.Unknown ? (int)strategy : null;

    public static Wire.GatingMode ToProto(this GatingMode mode) => mode switch
    {
        GatingMode.HealthGated => Wire.GatingMode.HealthGated,
        GatingMode.WatchSecs => Wire.GatingMode.WatchSecs,
        GatingMode.Undetermined => Wire.GatingMode.Undetermined,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    public static GatingMode ToDomain(this Wire.GatingMode mode) => mode switch
    {
        Wire.GatingMode.HealthGated => GatingMode.HealthGated,
        Wire.GatingMode.WatchSecs => GatingMode.WatchSecs,
        Wire.GatingMode.Undetermined => GatingMode.Undetermined,
        // proto3's default: an absent field means the evidence has not decided yet.
        Wire.GatingMode.Unspecified => GatingMode.Undetermined,
        _ => GatingMode.Undetermined, // a mode this build does not know decides nothing; UnknownNumber keeps it
    };

    /// <summary>The wire number of a gating mode this build does not know (unspecified is known: "not decided"); null otherwise.</summary>
    public static int? UnknownNumber(this Wire.GatingMode mode) =>
        mode is Wire.GatingMode.HealthGated or Wire.GatingMode.WatchSecs or Wire.GatingMode.Undetermined or Wire.GatingMode.Unspecified
            ? null
            : (int)mode;

    /// <summary>Outbound: the number as received for a value this build does not know, else the known value's.</summary>
    internal static Wire.TaskState ToProto(TaskState state, int? unknownNumber) =>
        state == TaskState.Unknown ? (Wire.TaskState)(unknownNumber ?? 0) : state.ToProto();

    internal static Wire.DetectionStrategy ToProto(DetectionStrategy strategy, int? unknownNumber) =>
        strategy == DetectionStrategy.Unknown ? (Wire.DetectionStrategy)(unknownNumber ?? 0) : strategy.ToProto();

    internal static Wire.GatingMode ToProto(GatingMode mode, int? unknownNumber) =>
        unknownNumber is { } number ? (Wire.GatingMode)number : mode.ToProto();
}
