using Rollout.Domain.Inference;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Replay;

/// <summary>Replays and insight views small enough to read in a test.</summary>
public static class ReplaySamples
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public static ReplayInfo Info(string id = "0123456789abcdef", double minutes = 4) =>
        new(id, "www-data/prod/web#web-1", "www-data-prod-web-web-1.rollout.jsonl", Start, Start.AddMinutes(minutes), 224, Truncated: false);

    /// <summary>A view whose headline names its instant, so a test can tell which position was shown.</summary>
    public static InsightView View(DateTimeOffset at) =>
        new("www-data/prod/web#web-1", at, UpdateStatus.RollingForward,
            new BlockedExplanation(UpdateStatus.RollingForward, [], $"headline at +{(at - Start).TotalSeconds:0} s"),
            UpdateEta.Unknown("nothing observed yet"),
            new GatingInsight(GatingShare.None, TimeSpan.Zero, TimeSpan.Zero, 0, 0, null, TimeSpan.Zero, null, null, "no task decided yet"),
            new StrategyComparison(DetectionStrategy.Capabilities, [],
                [.. new[] { DetectionStrategy.MessagePresence, DetectionStrategy.Capabilities, DetectionStrategy.SettingsBit }
                    .Select(s => new StrategyTotals(s, 0, 0, 0, 0, TimeSpan.Zero, TimeSpan.Zero))], 0, "no instances yet"),
            0, TimelineOverview.Empty);
}
