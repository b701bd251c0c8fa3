using Microsoft.AspNetCore.Components;
using Rollout.Domain.Insight;

namespace Rollout.Client.Components.Insight;

/// <summary>Time waited in watch_secs against time in health checks, and the share of instances each gate holds.</summary>
public sealed partial class GatingSavings
{
    [Parameter, EditorRequired]
    public required GatingInsight Gating { get; set; }

    private GatingShare Share => Gating.Share;

    internal string ShareText =>
        $"{Share.HealthGated} health-gated ({InsightDisplay.Percent(Share.HealthGated, Share.Total)}) · "
        + $"{Share.WatchSecs} watch_secs ({InsightDisplay.Percent(Share.WatchSecs, Share.Total)}) · "
        + $"{Share.Undetermined} undetermined ({InsightDisplay.Percent(Share.Undetermined, Share.Total)})";

    private (string Css, int Count)[] Segments =>
        [("gating-share-gated", Share.HealthGated), ("gating-share-watch", Share.WatchSecs), ("gating-share-undetermined", Share.Undetermined)];

    private string? Baseline => Gating.BaselineStart is { } baseline ? $"; starting takes {DurationText.Format(baseline)} without checks" : null;

    private string ExtraCheck => Gating.TypicalExtraCheck is { } extra
        ? $"checks typically add {DurationText.Format(extra)}"
        : "no gated task observed yet";

    private static string Tasks(int count) => count == 1 ? "1 task" : $"{count} tasks";
}
