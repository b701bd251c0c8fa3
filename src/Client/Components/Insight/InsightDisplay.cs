using MudBlazor;
using Rollout.Domain.Insight;

namespace Rollout.Client.Components.Insight;

/// <summary>Icons, colours and words for insight values, so every insight component shows a kind the same way.</summary>
public static class InsightDisplay
{
    /// <summary>Instance chips shown per reason; the rest are counted.</summary>
    public const int ChipsShown = 8;

    public static string KindIcon(BlockingKind kind) => kind switch
    {
        BlockingKind.NotStarted => Icons.Material.Filled.HourglassEmpty,
        BlockingKind.Finished => Icons.Material.Filled.Flag,
        BlockingKind.Paused => Icons.Material.Filled.PauseCircle,
        BlockingKind.AutoPaused => Icons.Material.Filled.PauseCircleOutline,
        BlockingKind.AwaitingPulse => Icons.Material.Filled.SensorsOff,
        BlockingKind.HealthChecks => Icons.Material.Filled.MonitorHeart,
        BlockingKind.Starting => Icons.Material.Filled.PlayCircleOutline,
        BlockingKind.WatchCountdown => Icons.Material.Filled.Timer,
        BlockingKind.AwaitingEvaluation => Icons.Material.Filled.HourglassTop,
        BlockingKind.TasksPending => Icons.Material.Filled.Schedule,
        BlockingKind.TasksKilling => Icons.Material.Filled.StopCircle,
        BlockingKind.TasksRestarting => Icons.Material.Filled.RestartAlt,
        BlockingKind.InstanceRetries => Icons.Material.Filled.Replay,
        BlockingKind.FailureBudget => Icons.Material.Filled.Error,
        BlockingKind.PulseDue => Icons.Material.Filled.Sensors,
        BlockingKind.NothingBlocks => Icons.Material.Filled.CheckCircle,
        _ => Icons.Material.Filled.Help,
    };

    /// <summary>Operator attention: error for what can fail the update, warning for what holds it, info for normal progress.</summary>
    public static Color KindColor(BlockingKind kind) => kind switch
    {
        BlockingKind.FailureBudget => Color.Error,
        BlockingKind.Paused or BlockingKind.AutoPaused or BlockingKind.AwaitingPulse
            or BlockingKind.TasksRestarting or BlockingKind.InstanceRetries => Color.Warning,
        BlockingKind.NothingBlocks or BlockingKind.Finished => Color.Success,
        BlockingKind.NotStarted => Color.Default,
        BlockingKind.HealthChecks or BlockingKind.Starting or BlockingKind.WatchCountdown or BlockingKind.AwaitingEvaluation
            or BlockingKind.TasksPending or BlockingKind.TasksKilling or BlockingKind.PulseDue => Color.Info,
        _ => Color.Error, // a kind this build does not know: never shown as normal
    };

    public static string KindLabel(BlockingKind kind) => kind switch
    {
        BlockingKind.NotStarted => "not started",
        BlockingKind.Finished => "finished",
        BlockingKind.Paused => "paused",
        BlockingKind.AutoPaused => "auto-paused",
        BlockingKind.AwaitingPulse => "awaiting pulse",
        BlockingKind.HealthChecks => "health checks",
        BlockingKind.Starting => "starting",
        BlockingKind.WatchCountdown => "watch_secs",
        BlockingKind.AwaitingEvaluation => "awaiting evaluation",
        BlockingKind.TasksPending => "tasks pending",
        BlockingKind.TasksKilling => "killing old tasks",
        BlockingKind.TasksRestarting => "tasks restarting",
        BlockingKind.InstanceRetries => "instance retries",
        BlockingKind.FailureBudget => "failure budget",
        BlockingKind.PulseDue => "pulse due",
        BlockingKind.NothingBlocks => "nothing blocks",
        _ => $"unknown reason {(int)kind}",
    };

    /// <summary>"+3 more" when a reason concerns more instances than it lists.</summary>
    public static string? More(int shown, int count) => count > shown ? $"+{count - shown} more" : null;

    public static string Percent(int part, int total) =>
        total == 0 ? "0%" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{100.0 * part / total:0}%");
}
