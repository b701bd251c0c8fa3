using Bunit;
using Rollout.Client.Components.Insight;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Insight;

namespace Rollout.Client.Tests.Insight;

/// <summary>What the canvas shows on hover: the script sends points, the component answers text.</summary>
public class TimelineHoverTests : TimelineViewTestBase
{
    [Fact]
    public void Describe_OverASegment_NamesTheInstancePhaseTimesAndAttempts()
    {
        Script();
        var cut = RenderTimeline();
        cut.FindAll("[data-testid=timeline-lane]")[0].Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.Detail), Wait);
        var (from, to) = TimelineLayout.DetailWindow(cut.Instance.Detail!);
        var layout = new TimelineLayout(Width, from, to);

        var text = cut.Instance.Describe(1, layout.X(60_000), 3, Width);

        Assert.Equal("#0 health checking\n+30 s – +1 m 30 s (60 s)\n2 health-check attempts", text);
        Assert.Equal("#1", cut.Instance.Describe(1, 10, TimelineLayout.RowPitch + 3, Width));
        Assert.Equal(string.Empty, cut.Instance.Describe(1, 300, 5 * TimelineLayout.RowPitch, Width));
    }

    [Fact]
    public void Describe_OverALane_CountsItsPhasesAtThatSample()
    {
        Script();
        var cut = RenderTimeline();
        var layout = new TimelineLayout(Width, 0, 240_000);

        var text = cut.Instance.Describe(1, layout.X(230_000), TimelineLayout.LanePitch + 4, Width);

        Assert.Equal("batches 2–3 (4 instances) at +4 m\n1 updated, 1 health checking, 2 waiting", text);
    }

    [Fact]
    public void Describe_OverTheHead_NamesTheOperatorAndTheirMessage()
    {
        Script();
        var cut = RenderTimeline();
        var layout = new TimelineLayout(Width, 0, 240_000);

        var text = cut.Instance.Describe(0, layout.X(150_000) + 1, TimelineLayout.MarksTop + 5, Width);

        Assert.Equal("alice: ROLL_FORWARD_PAUSED at +2 m 30 s\n“hold on”", text);
    }
}
