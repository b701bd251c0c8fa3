using Microsoft.AspNetCore.Components;
using Rollout.Domain.Insight;

namespace Rollout.Client.Components.Insight;

/// <summary>Why an update is not moving (or what it is doing), reason by reason.</summary>
public sealed partial class BlockedExplainer
{
    [Parameter, EditorRequired]
    public required BlockedExplanation Blockers { get; set; }

    /// <summary>Raised when the operator clicks one of a reason's instances.</summary>
    [Parameter]
    public EventCallback<int> InstanceSelected { get; set; }

    /// <summary>The instant deadlines count from; null: the live scheduler clock, ticking.</summary>
    [Parameter]
    public DateTimeOffset? Now { get; set; }

    private static IReadOnlyList<int> Shown(BlockingReason reason) =>
        reason.Instances.Count <= InsightDisplay.ChipsShown ? reason.Instances : [.. reason.Instances.Take(InsightDisplay.ChipsShown)];
}
