using Bunit;
using Rollout.Client.Components.Insight;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Insight;

namespace Rollout.Client.Tests.Insight;

public class TimelineViewTests : TimelineViewTestBase
{
    [Fact]
    public void Render_Overview_OneLabelledLanePerLaneAndASummary()
    {
        Script();

        var cut = RenderTimeline();

        var lanes = cut.FindAll("[data-testid=timeline-lane]");
        Assert.Equal(["batch 1", "batches 2–3", "not started"], lanes.Select(l => l.TextContent));
        Assert.Equal("batches 2–3 (4 instances)", lanes[1].GetAttribute("aria-label"));
        Assert.True(lanes[2].HasAttribute("disabled"));
        var canvas = cut.Find("[data-testid=timeline-canvas]");
        Assert.Equal("img", canvas.GetAttribute("role"));
        Assert.Equal("Timeline: 8 instances in 3 batches, 3 updated, 1 in flight, 4 waiting; as of +4 m", canvas.GetAttribute("aria-label"));
        Assert.Equal(11, cut.FindAll(".timeline-legend li").Count);
    }

    [Fact]
    public void Render_Overview_PassesLaneCountsBatchesAndMarksToTheScript()
    {
        var script = Script();

        var cut = RenderTimeline();

        cut.WaitForAssertion(() => script.VerifyInvoke("draw"), Wait);
        var frame = LastFrame(script);
        Assert.Equal((int)TimelineMode.Overview, frame.Mode);
        Assert.Equal((0, 240_000), (frame.FromMs, frame.ToMs));
        Assert.Equal(3, frame.Lanes);
        Assert.Equal(3 * TimelineLayout.LanePitch, frame.ContentHeight);
        Assert.Equal(TimelineData.SampleMs, TimelineFrame.Ints(frame.SampleMs));
        Assert.Equal(Shown.Lanes.SelectMany(l => l.Counts), TimelineFrame.Ints(frame.Counts));
        Assert.Equal([2, 4, 2], TimelineFrame.Ints(frame.LaneTotals));
        Assert.Equal([0, 120_000, 180_000, 210_000], TimelineFrame.Ints(frame.BatchStarts));
        Assert.Equal([0, 0, 0, 1], frame.BatchBackward);
        Assert.Equal([0, 150_000, 180_000], TimelineFrame.Ints(frame.StatusStarts));
        Assert.Equal([0, TimelineText.PausedTone, 0], frame.StatusTones);
        Assert.Equal([150_000, 180_000], TimelineFrame.Ints(frame.MarkMs));
        Assert.Equal([90_000], TimelineFrame.Ints(frame.PulseMs));
        Assert.Equal(["0", "+30 s", "+1 m", "+1 m 30 s", "+2 m", "+2 m 30 s", "+3 m", "+3 m 30 s", "+4 m"], frame.TickLabels);
        Assert.Empty(frame.Ids);
    }

    [Fact]
    public void Render_Overview_CreatesTheScriptWithTheLayoutAndPalette()
    {
        var script = Script();

        var cut = RenderTimeline();

        cut.WaitForAssertion(() => script.VerifyInvoke("create"), Wait);
        var options = Assert.IsType<TimelineOptions>(script.VerifyInvoke("create").Arguments[6]);
        Assert.Equal(TimelineLayout.LanePitch, options.LanePitch);
        Assert.Equal(TimelineText.PhaseCss, options.Phases);
        Assert.Equal(TimelineLayout.StackOrder.Select(p => (byte)p), options.StackOrder);
    }

    [Fact]
    public void ClickLane_OneBatch_LoadsItAndDrawsItsInstanceRows()
    {
        var script = Script();
        var cut = RenderTimeline();
        cut.WaitForAssertion(() => script.VerifyInvoke("draw"), Wait);

        cut.FindAll("[data-testid=timeline-lane]")[0].Click();

        cut.WaitForAssertion(() => Assert.Equal((int)TimelineMode.Detail, LastFrame(script).Mode), Wait);
        Assert.Equal([0], Loaded);
        var frame = LastFrame(script);
        Assert.Equal([0, 1], TimelineFrame.Ints(frame.Ids));
        Assert.Equal([0, 3, 6], TimelineFrame.Ints(frame.Offsets));
        Assert.Equal([0, 30_000, 90_000, 0, 45_000, 100_000], TimelineFrame.Ints(frame.Starts));
        Assert.Equal(2 * TimelineLayout.RowPitch, frame.ContentHeight);
        Assert.StartsWith("Batch 1 (2 instances)", cut.Find("[data-testid=timeline-detail-caption]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Timeline of Batch 1 (2 instances), 2 updated", cut.Find("[data-testid=timeline-canvas]").GetAttribute("aria-label"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=timeline-lane]"));
    }

    [Fact]
    public void ClickLane_SeveralBatches_ListsThemThenDrillsIntoOneByName()
    {
        var script = Script();
        var cut = RenderTimeline();

        cut.FindAll("[data-testid=timeline-lane]")[1].Click();

        Assert.Empty(Loaded);
        Assert.Equal("true", cut.FindAll("[data-testid=timeline-lane]")[1].GetAttribute("aria-expanded"));
        var buttons = cut.Find("[data-testid=timeline-batches]").QuerySelectorAll("button");
        Assert.Equal(["Batch 2 (2 instances)", "Batch 3 (2 instances)"], buttons.Select(b => b.TextContent.Trim()));

        cut.Find("[data-testid=timeline-batches]").QuerySelectorAll("button")[1].Click();

        cut.WaitForAssertion(() => Assert.Equal([2], Loaded), Wait);
        cut.WaitForAssertion(() => Assert.Equal((int)TimelineMode.Detail, LastFrame(script).Mode), Wait);
        Assert.StartsWith("Batch 3 (2 instances)", cut.Find("[data-testid=timeline-detail-caption]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RollbackBatches_OfferedByName()
    {
        Script();

        var cut = RenderTimeline();

        var group = cut.Find("[aria-label='Rollback batches']");
        Assert.Equal("Rollback batch 1 (1 instance)", group.QuerySelector("button")!.TextContent.Trim());
    }

    [Fact]
    public async Task Pick_OnALaneOfTheCanvas_DrillsDown()
    {
        Script();
        var cut = RenderTimeline();

        await cut.InvokeAsync(() => cut.Instance.Pick(TimelineLayout.LaneHeight / 2.0));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.Detail), Wait);
        Assert.Equal([0], Loaded);
    }

    [Fact]
    public async Task Pick_OnAnInstanceRow_RaisesInstanceSelected()
    {
        Script();
        var selected = new TaskCompletionSource<int>();
        var cut = RenderTimeline(selected: id => selected.TrySetResult(id));
        cut.FindAll("[data-testid=timeline-lane]")[0].Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.Detail), Wait);

        await cut.InvokeAsync(() => cut.Instance.Pick(TimelineLayout.RowPitch + 3));

        Assert.Equal(1, await selected.Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task SelectInstance_FromTheBatchList_RaisesInstanceSelected()
    {
        Script();
        var selected = new TaskCompletionSource<int>();
        var cut = RenderTimeline(selected: id => selected.TrySetResult(id));
        cut.FindAll("[data-testid=timeline-lane]")[0].Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.Detail), Wait);

        var select = cut.Find("[data-testid=timeline-instance-select]");
        Assert.Equal(["Open instance…", "#0 updated", "#1 updated"], select.QuerySelectorAll("option").Select(o => o.TextContent.Trim()));
        await select.ChangeAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "1" });

        Assert.Equal(1, await selected.Task.WaitAsync(Wait));
    }

    [Fact]
    public void Render_NewOverviewWhileInARollingBatch_FetchesItsBarsAgain()
    {
        Script();
        var cut = RenderTimeline();
        cut.FindAll("[data-testid=timeline-lane]")[1].Click();
        cut.Find("[data-testid=timeline-batches]").QuerySelectorAll("button")[1].Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.Detail), Wait);

        cut.Render(p => p.Add(c => c.Overview, Shown with { EndMs = 250_000 }));

        cut.WaitForAssertion(() => Assert.Equal([2, 2], Loaded), Wait);
    }

    [Fact]
    public void Back_FromABatch_DrawsTheLanesAgain()
    {
        var script = Script();
        var cut = RenderTimeline();
        cut.FindAll("[data-testid=timeline-lane]")[0].Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.Detail), Wait);

        cut.Find("[data-testid=timeline-back]").Click();

        cut.WaitForAssertion(() => Assert.Equal((int)TimelineMode.Overview, LastFrame(script).Mode), Wait);
        Assert.Equal(3, cut.FindAll("[data-testid=timeline-lane]").Count);
    }

    [Fact]
    public void Render_TenThousandInstancesInTwentyBatches_CapsLanesAndSendsCompactCounts()
    {
        var script = Script();

        var cut = RenderTimeline(TimelineData.Large());

        Assert.Equal(20, cut.FindAll("[data-testid=timeline-lane]").Count);
        Assert.Equal("Timeline: 10,000 instances in 20 batches, 9,500 updated, 0 in flight, 500 waiting; as of +1 h",
            cut.Find("[data-testid=timeline-canvas]").GetAttribute("aria-label"));
        cut.WaitForAssertion(() => script.VerifyInvoke("draw"), Wait);
        var frame = LastFrame(script);
        Assert.Equal(20 * 240 * InstancePhases.Count * sizeof(int), frame.Counts.Length);
        Assert.Equal(20 * TimelineLayout.LanePitch, frame.ContentHeight);
    }

    [Fact]
    public async Task Dispose_AfterTheScriptStarted_DisposesIt()
    {
        var script = Script();
        var cut = RenderTimeline();
        cut.WaitForAssertion(() => script.VerifyInvoke("draw"), Wait);

        await DisposeComponentsAsync().WaitAsync(Wait);

        Assert.Equal(Handle, script.VerifyInvoke("dispose").Arguments[0]);
    }

    [Fact]
    public async Task Render_WithoutAScript_DoesNotThrow()
    {
        var cut = RenderTimeline();
        cut.Render(p => p.Add(c => c.Overview, TimelineData.Large()));

        Assert.Equal(20, cut.FindAll("[data-testid=timeline-lane]").Count);
        await DisposeComponentsAsync().WaitAsync(Wait);
    }
}
