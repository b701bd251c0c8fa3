using Microsoft.AspNetCore.Components;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Insight;

namespace Rollout.Client.Components;

/// <summary>
/// An update's header: status, controls, progress and settings. Headers are immutable records sent
/// only when they change, so an unchanged reference means nothing to draw: a streaming rollout's
/// instance changes never re-render it. The ETA comes from the insight poll and is compared by value.
/// </summary>
public sealed partial class UpdateHeader
{
    private UpdateView? _rendered;
    private UpdateEta? _renderedEta;
    private string? _renderedHeadline;

    [Parameter, EditorRequired]
    public required UpdateView Update { get; set; }

    /// <summary>The update's ETA from the latest insight; null until one arrives.</summary>
    [Parameter]
    public UpdateEta? Eta { get; set; }

    /// <summary>What the update waits on now, shown in one line; the insight section below has the whole of it.</summary>
    [Parameter]
    public BlockedExplanation? Blockers { get; set; }

    private double Percent => Update.InstanceCount == 0 ? 0 : 100.0 * Update.UpdatedCount / Update.InstanceCount;

    protected override bool ShouldRender() => !ReferenceEquals(_rendered, Update) || _renderedEta != Eta || _renderedHeadline != Blockers?.Headline;

    protected override void OnAfterRender(bool firstRender) => (_rendered, _renderedEta, _renderedHeadline) = (Update, Eta, Blockers?.Headline);
}
