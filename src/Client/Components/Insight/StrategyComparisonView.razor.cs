using Microsoft.AspNetCore.Components;
using Rollout.Domain.Insight;

namespace Rollout.Client.Components.Insight;

/// <summary>What S1, S2 and S3 would decide over the update, and where they disagree instance by instance.</summary>
public sealed partial class StrategyComparisonView
{
    private bool _showAll;

    [Parameter, EditorRequired]
    public required StrategyComparison Strategies { get; set; }

    /// <summary>Instances the server left out of <see cref="Strategies"/> to keep the view small.</summary>
    [Parameter]
    public int Omitted { get; set; }

    /// <summary>Raised when the operator clicks an instance.</summary>
    [Parameter]
    public EventCallback<int> InstanceSelected { get; set; }

    /// <summary>Every instance rather than the disagreements only: the operator's choice, kept across polls.</summary>
    private bool ShowAll
    {
        get => _showAll;
        set
        {
            _showAll = value;
            Rows = Pick();
        }
    }

    // Picked once per view (or toggle), not on every access while rendering.
    private IReadOnlyList<InstanceStrategyComparison> Rows { get; set; } = [];

    protected override void OnParametersSet() => Rows = Pick();

    private IReadOnlyList<InstanceStrategyComparison> Pick() =>
        _showAll ? Strategies.Instances : [.. Strategies.Instances.Where(i => i.Differ)];

    private static string ModeClass(StrategyVerdict verdict) => verdict.Unsafe ? "hazard-text" : $"strategy-mode-{verdict.Mode}".ToLowerInvariant();
}
