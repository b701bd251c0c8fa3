using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>
/// What a browser is sent of one update's insight at one instant: every view but the per-instance
/// bars, which come by batch on demand (<see cref="TimelineDetail"/>), so its size does not grow with
/// the instances' history. Live, <see cref="AsOf"/> is the scheduler's now; in a replay, the replay's position.
/// </summary>
/// <param name="UpdateKey">The dashboard key of the update (role/env/name#id).</param>
/// <param name="StrategyInstancesOmitted">Instances left out of <see cref="Strategies"/> to keep the view small (disagreements are kept first).</param>
public sealed record InsightView(
    string UpdateKey,
    DateTimeOffset AsOf,
    UpdateStatus? Status,
    BlockedExplanation Blockers,
    UpdateEta Eta,
    GatingInsight Gating,
    StrategyComparison Strategies,
    int StrategyInstancesOmitted,
    TimelineOverview Timeline);

/// <summary>An update's timeline without its per-instance bars: lanes by batch, batches, statuses, operator marks and pulses.</summary>
/// <param name="Start">The update's start; every ms below is after it.</param>
/// <param name="EndMs">The view's as-of instant.</param>
/// <param name="InstanceCount">Instances the timeline holds.</param>
public sealed record TimelineOverview(
    DateTimeOffset Start,
    int EndMs,
    int InstanceCount,
    int[] SampleMs,
    IReadOnlyList<TimelineLane> Lanes,
    IReadOnlyList<TimelineBatch> Batches,
    IReadOnlyList<StatusSpan> Statuses,
    IReadOnlyList<OperatorMark> OperatorActions,
    int[] PulseMs)
{
    public static TimelineOverview Empty { get; } = new(DateTimeOffset.MinValue, 0, 0, [], [], [], [], [], []);
}

/// <summary>
/// One batch drilled into: its lane, and each of its instances' bars in the layout of
/// <see cref="UpdateTimeline"/> (instance i has segments [SegmentOffsets[i], SegmentOffsets[i + 1])).
/// </summary>
public sealed record TimelineDetail(
    TimelineBatch Batch,
    TimelineLane Lane,
    int EndMs,
    int[] InstanceIds,
    int[] SegmentOffsets,
    int[] SegmentStartMs,
    byte[] SegmentPhases,
    byte[] SegmentDetails);

/// <summary>The short form of an active update's insight, for the updates list.</summary>
public sealed record InsightSummary(string UpdateKey, string Headline, UpdateEta Eta);

/// <summary>A recording the server holds for replay: what <c>POST /api/replays</c> answers.</summary>
/// <param name="Id">Names the replay in later requests.</param>
/// <param name="UpdateKey">The recorded update's dashboard key.</param>
/// <param name="Start">The first event's timestamp: where the replay begins.</param>
/// <param name="End">The last event's timestamp.</param>
public sealed record ReplayInfo(
    string Id,
    string UpdateKey,
    string FileName,
    DateTimeOffset Start,
    DateTimeOffset End,
    int Events,
    bool Truncated);
