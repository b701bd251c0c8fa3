using Microsoft.AspNetCore.Components;
using Rollout.Domain.Insight;

namespace Rollout.Client.Components.Insight;

/// <summary>One update's insight: why it waits and how long is left up top, the detail views in tabs below.</summary>
public sealed partial class InsightPanel
{
    // The open tab survives polls: each poll only swaps the view the tabs show.
    private int _tab;

    /// <summary>The insight to show; null while the first fetch is pending.</summary>
    [Parameter, EditorRequired]
    public InsightView? View { get; set; }

    /// <summary>Fetches one batch's per-instance bars for the timeline's drill-down.</summary>
    [Parameter]
    public Func<int, Task<TimelineDetail?>>? LoadDetail { get; set; }

    /// <summary>Raised when the operator picks an instance in the timeline or the strategy table.</summary>
    [Parameter]
    public EventCallback<int> InstanceSelected { get; set; }

    /// <summary>A replay: deadlines count from the view's own instant, not the live clock.</summary>
    [Parameter]
    public bool Replay { get; set; }

    private static string StrategiesTitle(InsightView view) =>
        view.Strategies.Disagreements > 0 ? $"Strategies ({view.Strategies.Disagreements} differ)" : "Strategies";

    private static string EtaProgress(UpdateEta eta) =>
        $"{eta.BatchesDone} batch(es) done, {eta.BatchesLeft} left, {eta.InstancesLeft} instance(s) left";
}
