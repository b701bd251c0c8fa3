using System.Collections.Frozen;

namespace Rollout.Domain.Model;

/// <summary>Aurora's JobUpdateStatus.</summary>
public enum UpdateStatus
{
    RollingForward,
    RollingBack,
    RollForwardPaused,
    RollBackPaused,
    RollForwardAwaitingPulse,
    RollBackAwaitingPulse,
    RolledForward,
    RolledBack,
    Aborted,
    Error,
    Failed,
}

/// <summary>Aurora's JobUpdateAction, per instance.</summary>
public enum InstanceAction
{
    InstanceUpdating,
    InstanceUpdated,
    InstanceRollingBack,
    InstanceRolledBack,
    InstanceUpdateFailed,
    InstanceRollbackFailed,
}

public static class UpdateStatuses
{
    public static bool IsTerminal(this UpdateStatus status) =>
        status is UpdateStatus.RolledForward or UpdateStatus.RolledBack or UpdateStatus.Aborted
            or UpdateStatus.Error or UpdateStatus.Failed;

    public static bool IsActive(this UpdateStatus status) => !status.IsTerminal();

    public static bool IsPaused(this UpdateStatus status) =>
        status is UpdateStatus.RollForwardPaused or UpdateStatus.RollBackPaused;

    public static bool IsAwaitingPulse(this UpdateStatus status) =>
        status is UpdateStatus.RollForwardAwaitingPulse or UpdateStatus.RollBackAwaitingPulse;

    /// <summary>True only where the updater acts on instances.</summary>
    public static bool IsRolling(this UpdateStatus status) =>
        status is UpdateStatus.RollingForward or UpdateStatus.RollingBack;

    public static bool IsBackward(this UpdateStatus status) =>
        status is UpdateStatus.RollingBack or UpdateStatus.RollBackPaused or UpdateStatus.RollBackAwaitingPulse
            or UpdateStatus.RolledBack;

    /// <summary>Aurora's wire name, e.g. ROLL_FORWARD_PAUSED.</summary>
    public static string WireName(this UpdateStatus status) => WireNames<UpdateStatus>.Of(status);

    public static string WireName(this InstanceAction action) => WireNames<InstanceAction>.Of(action);

    public static string WireName(this TaskState state) => WireNames<TaskState>.Of(state);

    internal static string ToScreamingSnake(string pascal)
    {
        var sb = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i])) sb.Append('_');
            sb.Append(char.ToUpperInvariant(pascal[i]));
        }

        return sb.ToString();
    }

    /// <summary>Built once per enum: the read model names a state in every event it folds.</summary>
    private static class WireNames<T>
        where T : struct, Enum
    {
        private static readonly FrozenDictionary<T, string> Names =
            FrozenDictionary.ToFrozenDictionary(Enum.GetValues<T>().Distinct(), v => v, v => ToScreamingSnake(v.ToString()));

        public static string Of(T value) => Names.TryGetValue(value, out var name) ? name : ToScreamingSnake(value.ToString());
    }
}
