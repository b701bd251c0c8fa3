using Microsoft.AspNetCore.Components;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

/// <summary>An update's latest events, newest first; drawn again only when one is added.</summary>
public sealed partial class EventTail
{
    private readonly AppendOnlyWatch<EventTailItem> _watch = new();

    /// <summary>Oldest first; the store appends to it (and drops the oldest past its cap).</summary>
    [Parameter, EditorRequired]
    public required IReadOnlyList<EventTailItem> Tail { get; set; }

    protected override bool ShouldRender() => _watch.Changed(Tail);

    protected override void OnAfterRender(bool firstRender) => _watch.Seen(Tail);
}
