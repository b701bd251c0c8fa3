using Bunit;
using Rollout.Client.Components.Insight;
using Rollout.Domain.Events;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Insight;

/// <summary>The timeline over an insight built from an update's log, as the server builds it.</summary>
public class TimelineRealLogTests : TimelineViewTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly UpdateKey Key = new(new JobKey("www-data", "prod", "web"), "web-1");

    /// <summary>Six instances in batches of two: the first two batches done by +20 s, the last not started; paused by bob at +22 s.</summary>
    private static UpdateTimeline Timeline()
    {
        var log = new UpdateLog(Key);
        var settings = new UpdateSettings { Strategy = UpdateStrategyKind.Batch, GroupSize = 2 };
        log.Add(new UpdateStarted(Key, T0, "alice", settings, new TaskConfigSummary("v1", null), new TaskConfigSummary("v2", null),
            [new InstanceRange(0, 5)], [new InstanceRange(0, 5)], DetectionStrategy.Capabilities));
        log.Add(new UpdateStatusChanged(Key, T0, UpdateStatus.RollingForward, "alice", ""));
        for (var id = 0; id < 4; id++)
        {
            var start = id / 2 * 10;
            log.Add(new InstanceActionRecorded(Key, T0.AddSeconds(start), id, InstanceAction.InstanceUpdating, ""));
            log.Add(new InstanceActionRecorded(Key, T0.AddSeconds(start + 10), id, InstanceAction.InstanceUpdated, ""));
        }

        log.Add(new UpdateStatusChanged(Key, T0.AddSeconds(22), UpdateStatus.RollForwardPaused, "bob", "checking graphs"));
        return UpdateInsight.Build(log, T0.AddSeconds(25)).Timeline;
    }

    [Fact]
    public void Render_InsightFromALog_DrawsItsLanesAndDrillsIntoItsFirstBatch()
    {
        var script = Script();
        var timeline = Timeline();
        var overview = timeline.Overview();
        var cut = Render<TimelineView>(p => p
            .Add(c => c.Overview, overview)
            .Add(c => c.LoadDetail, index => Task.FromResult(timeline.Detail(index))));

        Assert.Equal(["batch 1", "batch 2", "not started"], cut.FindAll("[data-testid=timeline-lane]").Select(l => l.TextContent));
        Assert.StartsWith("Timeline: 6 instances in 2 batches, 4 updated", cut.Find("[data-testid=timeline-canvas]").GetAttribute("aria-label"), StringComparison.Ordinal);
        cut.WaitForAssertion(() => script.VerifyInvoke("draw"), Wait);
        Assert.Equal([0, 22_000], TimelineFrame.Ints(LastFrame(script).MarkMs));
        Assert.Equal("bob: ROLL_FORWARD_PAUSED at +22 s\n“checking graphs”",
            cut.Instance.Describe(0, new TimelineLayout(Width, 0, 25_000).X(22_000), TimelineLayout.MarksTop + 4, Width));

        cut.FindAll("[data-testid=timeline-lane]")[0].Click();

        cut.WaitForAssertion(() => Assert.Equal((int)TimelineMode.Detail, LastFrame(script).Mode), Wait);
        Assert.Equal([0, 1], TimelineFrame.Ints(LastFrame(script).Ids));
    }
}
