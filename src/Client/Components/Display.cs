using MudBlazor;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Client.Components;

/// <summary>Words and colours for domain values, in one place.</summary>
public static class Display
{
    public static Color StatusColor(UpdateStatus status) => status switch
    {
        UpdateStatus.RollingForward => Color.Info,
        UpdateStatus.RollingBack => Color.Warning,
        UpdateStatus.RollForwardPaused or UpdateStatus.RollBackPaused => Color.Secondary,
        UpdateStatus.RollForwardAwaitingPulse or UpdateStatus.RollBackAwaitingPulse => Color.Tertiary,
        UpdateStatus.RolledForward => Color.Success,
        UpdateStatus.RolledBack => Color.Warning,
        UpdateStatus.Aborted or UpdateStatus.Error or UpdateStatus.Failed => Color.Error,
        _ => Color.Error, // not a status this build knows: shown as an error, never as a normal state
    };

    /// <summary>"S2 (Capabilities)"; a strategy this build does not know says so, and that its instances stay undetermined.</summary>
    public static string DetectionText(DetectionStrategy strategy) => strategy switch
    {
        DetectionStrategy.MessagePresence or DetectionStrategy.Capabilities or DetectionStrategy.SettingsBit => $"{strategy.ShortName()} ({strategy})",
        _ => "unknown (not a strategy this dashboard knows: gating undetermined)",
    };

    public static string ModeText(GatingMode mode) => mode switch
    {
        GatingMode.HealthGated => "health-gated",
        GatingMode.WatchSecs => "watch_secs",
        GatingMode.Undetermined => "undetermined",
        _ => $"unknown mode {(int)mode}",
    };

    public static Color ModeColor(GatingMode mode) => mode switch
    {
        GatingMode.HealthGated => Color.Success,
        GatingMode.WatchSecs => Color.Info,
        GatingMode.Undetermined => Color.Default,
        _ => Color.Error,
    };

    public static string HealthText(HealthState state) => state switch
    {
        HealthState.NotStarted => "not started",
        HealthState.NoHealthCheck => "no health check",
        HealthState.Checking => "checking",
        HealthState.Healthy => "healthy",
        HealthState.Unverified => "running, unverified",
        HealthState.Failed => "failed health check",
        _ => "ended",
    };

    public static string HealthWithProgress(InstanceView instance) =>
        instance.HealthState == HealthState.Checking && instance.Progress is { } p
            ? $"{HealthText(instance.HealthState)}: {p}"
            : HealthText(instance.HealthState);

    /// <summary>What the update did to the instance; nothing yet is "waiting" while it runs, "not touched" once it has ended.</summary>
    public static string ActionText(InstanceAction? action, bool updateFinished) => action switch
    {
        null => updateFinished ? "not touched" : "waiting",
        InstanceAction.InstanceUpdating => "updating",
        InstanceAction.InstanceUpdated => "updated",
        InstanceAction.InstanceRollingBack => "rolling back",
        InstanceAction.InstanceRolledBack => "rolled back",
        InstanceAction.InstanceUpdateFailed => "update failed",
        InstanceAction.InstanceRollbackFailed => "rollback failed",
        _ => $"unknown action {(int)action}",
    };

    /// <summary>A short label for a known capability; unknown ones are always shown in full.</summary>
    public static string CapabilityShort(string capability) => capability switch
    {
        "HEALTH_GATED_RUNNING" => "gated RUNNING",
        "HEALTH_CHECK_PROGRESS" => "progress",
        "GRACEFUL_SHUTDOWN" => "graceful stop",
        _ => capability,
    };

    /// <summary>A few words for a hazard code, for tables; the code and description go in the tooltip.</summary>
    public static string HazardShort(string code) => code switch
    {
        "WATCH_SECS_ZERO_WITHOUT_GATING" => "watch_secs=0, ungated",
        "SETTINGS_BIT_WITH_VPREV_EXECUTOR" => "S3 bit on vPrev",
        "UPDATER_DISAGREES_WITH_EVIDENCE" => "updater ≠ evidence",
        _ => code,
    };

    public static string Ago(TimeSpan span) => span.TotalSeconds switch
    {
        < 1 => "just now",
        < 90 => $"{span.TotalSeconds:F0} s ago",
        < 5400 => $"{span.TotalMinutes:F0} min ago",
        _ => $"{span.TotalHours:F1} h ago",
    };

    public static string Strategy(UpdateSettings s) => s.Strategy switch
    {
        UpdateStrategyKind.Queue => $"queue, {s.GroupSize} in flight",
        UpdateStrategyKind.Batch => $"batches of {s.GroupSize}",
        UpdateStrategyKind.VariableBatch => $"variable batches {string.Join("/", s.GroupSizes)}",
        _ => $"unknown strategy {(int)s.Strategy}",
    };
}

/// <summary>What the instance grid colours by.</summary>
public enum ColorBy
{
    UpdateAction,
    ExecutorVersion,
    GatingMode,
    HealthState,
}
