using Microsoft.AspNetCore.Components;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

/// <summary>
/// An update's header: status, controls, progress and settings. Headers are immutable records sent
/// only when they change, so an unchanged reference means nothing to draw: a streaming rollout's
/// instance changes never re-render it.
/// </summary>
public sealed partial class UpdateHeader
{
    private UpdateView? _rendered;

    [Parameter, EditorRequired]
    public required UpdateView Update { get; set; }

    private double Percent => Update.InstanceCount == 0 ? 0 : 100.0 * Update.UpdatedCount / Update.InstanceCount;

    protected override bool ShouldRender() => !ReferenceEquals(_rendered, Update);

    protected override void OnAfterRender(bool firstRender) => _rendered = Update;
}
