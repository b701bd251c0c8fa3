using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rollout.Client.Services;
using Rollout.Domain.Insight;

namespace Rollout.Client.Components.Insight;

/// <summary>
/// An update's ETA: "~12 min (8–20 min)" and when it should finish in the viewer's zone; while suspended the
/// range counts from when it rolls again, so no finish time is given. A rollback's ETA is marked as one.
/// </summary>
public sealed partial class EtaChip
{
    [Inject]
    public required ViewerTimeZone Viewer { get; init; }

    [Parameter, EditorRequired]
    public UpdateEta Eta { get; set; } = UpdateEta.Unknown("no estimate yet");

    /// <summary>The short form for a list row.</summary>
    [Parameter]
    public bool Dense { get; set; }

    internal string Text => Eta.Kind switch
    {
        EtaKind.Finished => "done",
        EtaKind.Estimate when Eta.Expected is { } expected => Prefix + Estimate(expected) + Suffix,
        _ => Prefix + "ETA unknown",
    };

    private string Prefix => Eta.Backward ? "rollback " : string.Empty;

    private string Estimate(TimeSpan expected)
    {
        var around = $"~{DurationText.Format(expected)}";
        if (Dense || Eta.Low is not { } low || Eta.High is not { } high) return around;
        return $"{around} ({DurationText.Range(low, high)})";
    }

    private string Suffix
    {
        get
        {
            if (Eta.Suspended) return Dense ? " once rolling" : " once it rolls again";
            if (Dense || Eta.ExpectedFinish is not { } finish) return string.Empty;
            return $", done ~{TimeText.Local(finish, Viewer.Zone)}";
        }
    }

    private string AriaLabel => $"ETA: {Text}. {Eta.Explanation}";

    private Color ChipColor => Eta.Kind switch
    {
        EtaKind.Finished => Color.Success,
        EtaKind.Unknown => Color.Default,
        _ when Eta.Backward => Color.Warning,
        _ when Eta.Suspended => Color.Secondary,
        _ => Color.Info,
    };

    private string ChipIcon => Eta.Kind switch
    {
        EtaKind.Finished => Icons.Material.Filled.Done,
        _ when Eta.Backward => Icons.Material.Filled.Undo,
        _ when Eta.Suspended => Icons.Material.Filled.PauseCircleOutline,
        EtaKind.Unknown => Icons.Material.Filled.HelpOutline,
        _ => Icons.Material.Filled.Schedule,
    };
}
