using Microsoft.AspNetCore.Components;
using Rollout.Domain.Insight;

namespace Rollout.Client.Components.Insight;

/// <summary>What holds an update, in one line for a list row or a header.</summary>
public sealed partial class BlockedHeadline
{
    /// <summary>The explanation whose headline and first reason are shown.</summary>
    [Parameter]
    public BlockedExplanation? Blockers { get; set; }

    /// <summary>A headline on its own (a list's summary); wins over <see cref="Blockers"/>' own.</summary>
    [Parameter]
    public string? Headline { get; set; }

    private string Text => Headline ?? Blockers?.Headline ?? string.Empty;

    private BlockingKind? Kind => Blockers?.Reasons.Count > 0 ? Blockers.Reasons[0].Kind : null;
}
