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

    [Parameter, EditorRequired]
    public required UpdateView Update { get; set; }

    /// <summary>The update's ETA from the latest insight; null until one arrives.</summary>
    [Parameter]
    public UpdateEta? Eta { get; set; }

    private double Percent => Update.InstanceCount == 0 ? 0 : 100.0 * Update.UpdatedCount / Update.InstanceCount;

    protected override bool ShouldRender() => !ReferenceEquals(_rendered, Update) || _renderedEta != Eta;

    protected override void OnAfterRender(bool firstRender) => (_rendered, _renderedEta) = (Update, Eta);
}
