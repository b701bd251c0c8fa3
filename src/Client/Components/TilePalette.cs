using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Client.Components;

/// <summary>The few colours a grid tile can have; the byte value is what goes to the canvas.</summary>
public enum TileTone : byte
{
    Neutral,
    Success,
    Warning,
    Info,
    Error,
    Dark,
    Secondary,
}

/// <summary>Extra marks on a tile, as bits.</summary>
[Flags]
public enum TileMarks : byte
{
    None = 0,
    Hazard = 1,
}

/// <summary>Which tone a tile gets for each colour-by mode, and the theme colour behind each tone.</summary>
public static class TilePalette
{
    /// <summary>
    /// Theme variables by <see cref="TileTone"/>. The canvas resolves them against the page's
    /// styles, so the theme still decides the actual colours. Neutral and dark tiles use the
    /// dashboard's own variables (app.css): MudBlazor's lines and dark colours all but vanish on a
    /// dark surface.
    /// </summary>
    public static IReadOnlyList<string> Css { get; } =
    [
        "var(--rollout-tile-neutral)",
        "var(--mud-palette-success)",
        "var(--mud-palette-warning)",
        "var(--mud-palette-info)",
        "var(--mud-palette-error)",
        "var(--rollout-tile-ended)",
        "var(--mud-palette-secondary)",
    ];

    public static TileTone Tone(InstanceView instance, ColorBy by) => by switch
    {
        ColorBy.ExecutorVersion => instance.ExecutorVersion switch
        {
            ExecutorVersion.VCurrent => TileTone.Success,
            ExecutorVersion.VPrev => TileTone.Warning,
            _ => TileTone.Neutral,
        },
        ColorBy.GatingMode => instance.GatingMode switch
        {
            GatingMode.HealthGated => TileTone.Success,
            GatingMode.WatchSecs => TileTone.Info,
            _ => TileTone.Neutral,
        },
        ColorBy.HealthState => instance.HealthState switch
        {
            HealthState.Healthy => TileTone.Success,
            HealthState.Checking => TileTone.Info,
            HealthState.Unverified or HealthState.NoHealthCheck => TileTone.Warning,
            HealthState.Failed => TileTone.Error,
            HealthState.Ended => TileTone.Dark,
            _ => TileTone.Neutral,
        },
        _ => instance.UpdateAction switch
        {
            InstanceAction.InstanceUpdated => TileTone.Success,
            InstanceAction.InstanceUpdating => TileTone.Info,
            InstanceAction.InstanceRollingBack => TileTone.Warning,
            InstanceAction.InstanceRolledBack => TileTone.Secondary,
            InstanceAction.InstanceUpdateFailed or InstanceAction.InstanceRollbackFailed => TileTone.Error,
            _ => TileTone.Neutral,
        },
    };

    public static TileMarks Marks(InstanceView instance) => instance.Hazards.Count > 0 ? TileMarks.Hazard : TileMarks.None;
}
