using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>Every insight view of one update as of one instant.</summary>
public sealed record UpdateInsight(
    UpdateKey Update,
    DateTimeOffset AsOf,
    UpdateStatus? Status,
    UpdateTimeline Timeline,
    UpdateEta Eta,
    GatingInsight Gating,
    BlockedExplanation Blockers,
    StrategyComparison Strategies)
{
    /// <summary>One-shot: folds <paramref name="log"/> as of <paramref name="asOf"/> and builds every view.</summary>
    public static UpdateInsight Build(UpdateLog log, DateTimeOffset asOf, InsightOptions? options = null) =>
        new UpdateInsightFold(log, options).Build(asOf);
}
