namespace Rollout.Domain.Insight;

/// <summary>Cuts an <see cref="UpdateInsight"/> down to what a browser is sent: the overview at once, the bars by batch.</summary>
public static class InsightViews
{
    /// <summary>Strategy rows sent at most (each weighs about 0.7 KB); the rest are counted in <see cref="InsightView.StrategyInstancesOmitted"/>.</summary>
    public const int MaxStrategyInstances = 60;

    public static InsightView View(this UpdateInsight insight, string updateKey, int maxStrategyInstances = MaxStrategyInstances)
    {
        ArgumentNullException.ThrowIfNull(insight);
        var strategies = insight.Strategies;
        var omitted = Math.Max(0, strategies.Instances.Count - maxStrategyInstances);
        if (omitted > 0)
        {
            // Disagreements first: they are what the comparison is for.
            var kept = strategies.Instances.Where(i => i.Differ).Concat(strategies.Instances.Where(i => !i.Differ))
                .Take(maxStrategyInstances).OrderBy(i => i.InstanceId).ToArray();
            strategies = strategies with { Instances = kept };
        }

        return new InsightView(updateKey, insight.AsOf, insight.Status, insight.Blockers, insight.Eta, insight.Gating,
            strategies, omitted, insight.Timeline.Overview());
    }

    public static TimelineOverview Overview(this UpdateTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return new TimelineOverview(timeline.Start, timeline.EndMs, timeline.InstanceIds.Length, timeline.SampleMs, timeline.Lanes,
            timeline.Batches, timeline.Statuses, timeline.OperatorActions, timeline.PulseMs);
    }

    /// <summary>One batch's lane and its instances' bars; null when there is no such batch.</summary>
    public static TimelineDetail? Detail(this UpdateTimeline timeline, int batchIndex)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (batchIndex < 0 || batchIndex >= timeline.Batches.Count) return null;
        var batch = timeline.Batches[batchIndex];
        var members = batch.InstanceIds.Select(timeline.IndexOf).Where(i => i >= 0).Order().ToArray();
        var ids = new int[members.Length];
        var offsets = new int[members.Length + 1];
        for (var m = 0; m < members.Length; m++)
        {
            var i = members[m];
            ids[m] = timeline.InstanceIds[i];
            offsets[m + 1] = offsets[m] + (timeline.SegmentOffsets[i + 1] - timeline.SegmentOffsets[i]);
        }

        var starts = new int[offsets[^1]];
        var phases = new byte[offsets[^1]];
        var details = new byte[offsets[^1]];
        for (var m = 0; m < members.Length; m++)
        {
            var from = timeline.SegmentOffsets[members[m]];
            var length = offsets[m + 1] - offsets[m];
            Array.Copy(timeline.SegmentStartMs, from, starts, offsets[m], length);
            Array.Copy(timeline.SegmentPhases, from, phases, offsets[m], length);
            Array.Copy(timeline.SegmentDetails, from, details, offsets[m], length);
        }

        return new TimelineDetail(batch, timeline.LaneOf(batch), timeline.EndMs, ids, offsets, starts, phases, details);
    }
}
