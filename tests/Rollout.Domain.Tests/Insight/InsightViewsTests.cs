using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Domain.Tests.Insight;

public class InsightViewsTests
{
    private static readonly UpdateSettings Batch2 = new() { Strategy = UpdateStrategyKind.Batch, GroupSize = 2, WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 1 };

    private static LogScript TwoBatches()
    {
        var s = new LogScript().Start(Batch2, 4);
        var first = Math.Max(s.Gated(0, 0), s.Watched(0, 1));
        s.Gated(first, 2);
        s.Watched(first, 3, finish: false);
        return s;
    }

    [Fact]
    public void View_KeepsEveryViewButTheBars_WithTheOverviewOfTheTimeline()
    {
        var insight = TwoBatches().Build(80);

        var view = insight.View("www-data/prod/web#web-1");

        Assert.Equal("www-data/prod/web#web-1", view.UpdateKey);
        Assert.Same(insight.Blockers, view.Blockers);
        Assert.Same(insight.Eta, view.Eta);
        Assert.Equal(0, view.StrategyInstancesOmitted);
        Assert.Equal(4, view.Timeline.InstanceCount);
        Assert.Equal(insight.Timeline.EndMs, view.Timeline.EndMs);
        Assert.Same(insight.Timeline.Lanes, view.Timeline.Lanes);
        Assert.Equal(2, view.Timeline.Batches.Count);
    }

    [Fact]
    public void View_MoreStrategyRowsThanTheCap_KeepsDisagreementsFirstAndCountsTheRest()
    {
        var insight = TwoBatches().Build(80);
        var all = insight.Strategies.Instances;
        Assert.Contains(all, i => !i.Differ);
        Assert.Contains(all, i => i.Differ);

        var view = insight.View("k", maxStrategyInstances: 1);

        var kept = Assert.Single(view.Strategies.Instances);
        Assert.Equal(all.Count - 1, view.StrategyInstancesOmitted);
        Assert.True(kept.Differ);
    }

    [Fact]
    public void Detail_OneBatch_CarriesItsInstancesBarsExactly()
    {
        var timeline = TwoBatches().Build(80).Timeline;

        var detail = timeline.Detail(1)!;

        Assert.Equal([2, 3], detail.InstanceIds);
        Assert.Equal(timeline.Batches[1], detail.Batch);
        Assert.Equal(2, detail.Lane.InstanceCount);
        for (var m = 0; m < detail.InstanceIds.Length; m++)
        {
            var i = timeline.IndexOf(detail.InstanceIds[m]);
            var expected = Enumerable.Range(timeline.SegmentOffsets[i], timeline.SegmentOffsets[i + 1] - timeline.SegmentOffsets[i])
                .Select(k => (timeline.SegmentStartMs[k], timeline.SegmentPhases[k], timeline.SegmentDetails[k]));
            var actual = Enumerable.Range(detail.SegmentOffsets[m], detail.SegmentOffsets[m + 1] - detail.SegmentOffsets[m])
                .Select(k => (detail.SegmentStartMs[k], detail.SegmentPhases[k], detail.SegmentDetails[k]));
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void Detail_NoSuchBatch_IsNull(int batch) => Assert.Null(TwoBatches().Build(80).Timeline.Detail(batch));
}
