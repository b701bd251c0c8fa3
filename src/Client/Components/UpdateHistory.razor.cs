using Microsoft.AspNetCore.Components;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

/// <summary>An update's status changes, newest first; drawn again only when one is added.</summary>
public sealed partial class UpdateHistory
{
    private readonly AppendOnlyWatch<StatusChangeView> _watch = new();

    /// <summary>Oldest first; the store appends to it (and drops the oldest past its cap).</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<StatusChangeView> History { get; set; }

    protected override bool ShouldRender() => _watch.Changed(History);

    protected override void OnAfterRender(bool firstRender) => _watch.Seen(History);
}
