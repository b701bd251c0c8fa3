using Rollout.Client.Components.Insight;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Insight;

public class TimelineLayoutTests
{
    private static readonly TimelineLayout Layout = new(TimelineLayout.LabelWidth + 400 + TimelineLayout.RightPad, 0, 240_000);

    [Fact]
    public void X_WindowEnds_AreThePlotEdges()
    {
        Assert.Equal(TimelineLayout.LabelWidth, Layout.X(0));
        Assert.Equal(TimelineLayout.LabelWidth + 400, Layout.X(240_000));
        Assert.Equal(TimelineLayout.LabelWidth + 100, Layout.X(60_000));
    }

    [Fact]
    public void MsAt_AnX_InvertsX()
    {
        Assert.Equal(90_000, Layout.MsAt(Layout.X(90_000)), precision: 6);
        Assert.False(Layout.InPlot(TimelineLayout.LabelWidth - 1));
        Assert.True(Layout.InPlot(TimelineLayout.LabelWidth + 10));
    }

    [Fact]
    public void X_NarrowCanvas_KeepsAPlotOfAtLeastOnePixel()
    {
        var narrow = new TimelineLayout(10, 0, 1_000);

        Assert.Equal(1, narrow.PlotWidth);
    }

    [Fact]
    public void ContentHeight_LanesAndRows_StackAtTheirPitch()
    {
        Assert.Equal(21 * TimelineLayout.LanePitch, TimelineLayout.ContentHeight(TimelineMode.Overview, 21));
        Assert.Equal(10_000 * TimelineLayout.RowPitch, TimelineLayout.ContentHeight(TimelineMode.Detail, 10_000));
        Assert.InRange(TimelineLayout.LaneHeight, 18, 22);
        Assert.InRange(TimelineLayout.RowHeight, 12, 16);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(TimelineLayout.LaneHeight + 1, 0)] // the gap below a lane belongs to it
    [InlineData(TimelineLayout.LanePitch, 1)]
    [InlineData((3 * TimelineLayout.LanePitch) - 1, 2)]
    [InlineData(3 * TimelineLayout.LanePitch, -1)]
    [InlineData(-1, -1)]
    public void IndexAt_OverviewY_FindsTheLane(double y, int lane) =>
        Assert.Equal(lane, TimelineLayout.IndexAt(TimelineMode.Overview, y, 3));

    [Fact]
    public void IndexAt_DetailY_FindsTheInstanceRow()
    {
        Assert.Equal(9_999, TimelineLayout.IndexAt(TimelineMode.Detail, (9_999 * TimelineLayout.RowPitch) + 2, 10_000));
        Assert.Equal(-1, TimelineLayout.IndexAt(TimelineMode.Detail, 10_000 * TimelineLayout.RowPitch, 10_000));
        Assert.Equal(-1, TimelineLayout.IndexAt(TimelineMode.Detail, double.NaN, 10));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(60_000, 0)]
    [InlineData(60_001, 1)]
    [InlineData(239_999, 3)]
    [InlineData(240_000, 3)]
    [InlineData(240_001, -1)]
    [InlineData(-5, -1)]
    public void SampleAt_AnInstant_FindsTheColumnEndingAtOrAfterIt(double ms, int sample) =>
        Assert.Equal(sample, TimelineLayout.SampleAt(TimelineData.SampleMs, ms));

    [Fact]
    public void SegmentAt_AnInstant_FindsTheSegmentOfThatInstance()
    {
        var detail = TimelineData.Detail(TimelineData.Overview());

        Assert.Equal(0, TimelineLayout.SegmentAt(detail, 0, 29_999));
        Assert.Equal(1, TimelineLayout.SegmentAt(detail, 0, 30_000));
        Assert.Equal(2, TimelineLayout.SegmentAt(detail, 0, 200_000));
        Assert.Equal(4, TimelineLayout.SegmentAt(detail, 1, 50_000));
        Assert.Equal(-1, TimelineLayout.SegmentAt(detail, 2, 50_000));
        Assert.Equal(-1, TimelineLayout.SegmentAt(detail, 0, 250_000));
        Assert.Equal(90_000, TimelineLayout.SegmentEnd(detail, 0, 1));
        Assert.Equal(240_000, TimelineLayout.SegmentEnd(detail, 0, 2));
    }

    [Fact]
    public void DetailWindow_FinishedBatch_SpansTheBatchPadded()
    {
        var detail = TimelineData.Detail(TimelineData.Overview());

        Assert.Equal((0, 126_000), TimelineLayout.DetailWindow(detail));
    }

    [Fact]
    public void DetailWindow_BatchStillRolling_EndsAtTheAsOfInstant()
    {
        var overview = TimelineData.Overview();
        var detail = TimelineData.Detail(overview) with { Batch = overview.Batches[2] };

        Assert.Equal((177_000, 240_000), TimelineLayout.DetailWindow(detail));
    }

    [Fact]
    public void HeadAt_MarksRow_PrefersOperatorsThenPulsesThenBatches()
    {
        var overview = TimelineData.Overview();
        var y = TimelineLayout.MarksTop + 4;

        Assert.Equal(new HeadHit(HeadHitKind.Operator, 1), Layout.HeadAt(Layout.X(180_000), y, overview));
        Assert.Equal(new HeadHit(HeadHitKind.Pulse, 0), Layout.HeadAt(Layout.X(90_000) - 3, y, overview));
        Assert.Equal(new HeadHit(HeadHitKind.Batch, 3), Layout.HeadAt(Layout.X(210_000) + 2, y, overview));
        Assert.Equal(default, Layout.HeadAt(Layout.X(30_000), y, overview));
    }

    [Fact]
    public void HeadAt_StatusBand_FindsTheStatusSpan()
    {
        var overview = TimelineData.Overview();
        var y = TimelineLayout.BandTop + 2;

        var hit = Layout.HeadAt(Layout.X(160_000), y, overview);

        Assert.Equal(new HeadHit(HeadHitKind.Status, 1), hit);
        Assert.Equal("ROLL_FORWARD_PAUSED +2 m 30 s – +3 m (30 s)", TimelineText.HeadTip(overview, hit));
        Assert.Equal(default, Layout.HeadAt(10, y, overview));
    }

    [Theory]
    [InlineData(0, 240_000, 10, 30_000)]
    [InlineData(0, 3_600_000, 10, 600_000)]
    [InlineData(177_000, 240_000, 10, 10_000)]
    [InlineData(0, 90_000_000, 1, 86_400_000)]
    public void Ticks_AWindow_AreRoundStepsInsideIt(int from, int to, int maxTicks, int step)
    {
        var ticks = TimelineLayout.Ticks(from, to, maxTicks);

        Assert.NotEmpty(ticks);
        Assert.All(ticks, t => Assert.Equal(0, t % step));
        Assert.All(ticks, t => Assert.InRange(t, from, to));
        Assert.All(ticks.Zip(ticks.Skip(1)), p => Assert.Equal(step, p.Second - p.First));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(45_000, "+45 s")]
    [InlineData(120_000, "+2 m")]
    [InlineData(130_000, "+2 m 10 s")]
    [InlineData(3_900_000, "+1 h 5 m")]
    [InlineData(3_690_000, "+1 h 1 m")]
    [InlineData(7_200_000, "+2 h")]
    public void Relative_AnInstant_ReadsFromTheStart(int ms, string text) => Assert.Equal(text, TimelineText.Relative(ms));

    [Fact]
    public void StackOrder_EveryPhaseOnce_WaitingOnTop()
    {
        Assert.Equal(InstancePhases.Count, TimelineLayout.StackOrder.Distinct().Count());
        Assert.Equal(InstancePhase.Waiting, TimelineLayout.StackOrder[^1]);
        Assert.Equal(InstancePhase.Updated, TimelineLayout.StackOrder[0]);
    }

    [Fact]
    public void StatusTone_PausedEitherWay_IsThePausedTone()
    {
        Assert.Equal(TimelineText.PausedTone, TimelineText.StatusTone(UpdateStatus.RollForwardPaused));
        Assert.Equal(TimelineText.PausedTone, TimelineText.StatusTone(UpdateStatus.RollBackPaused));
        Assert.NotEqual(TimelineText.PausedTone, TimelineText.StatusTone(UpdateStatus.RollingBack));
    }
}
