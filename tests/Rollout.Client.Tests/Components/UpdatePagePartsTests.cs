using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Components;

/// <summary>The update page's parts draw again only when what they show changed.</summary>
public class UpdatePagePartsTests : ClientTest
{
    [Fact]
    public void UpdateHeader_SameHeaderAgain_DoesNotRender()
    {
        var update = Views.Update(UpdateStatus.RollingForward);
        var cut = Render<UpdateHeader>(p => p.Add(c => c.Update, update));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Update, update));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(c => c.Update, update with { UpdatedCount = 1 }));
        Assert.True(cut.RenderCount > renders);
        Assert.Contains("1 / ", cut.Find("[data-testid=update-progress]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateHistory_NothingAppended_DoesNotRender()
    {
        var history = new List<StatusChangeView> { new(Time.GetUtcNow(), UpdateStatus.RollingForward, "alice", "go") };
        var cut = Render<UpdateHistory>(p => p.Add(c => c.History, history));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.History, history));
        Assert.Equal(renders, cut.RenderCount);

        history.Add(new(Time.GetUtcNow(), UpdateStatus.RollForwardPaused, "bob", "hold"));
        cut.Render(p => p.Add(c => c.History, history));
        Assert.True(cut.RenderCount > renders);
        Assert.Equal(["bob", "alice"], cut.FindAll("tbody tr").Select(r => r.Children[2].TextContent));
    }

    [Fact]
    public void UpdateHistory_AutomaticTransition_ShowsAutomaticForTheEmptyUser()
    {
        var history = new List<StatusChangeView>
        {
            new(Time.GetUtcNow(), UpdateStatus.RollingForward, "alice", ""),
            new(Time.GetUtcNow(), UpdateStatus.RollForwardPaused, "", "Update auto paused"),
        };

        var cut = Render<UpdateHistory>(p => p.Add(c => c.History, history));

        Assert.Equal(["automatic", "alice"], cut.FindAll("tbody tr").Select(r => r.Children[2].TextContent));
    }

    [Fact]
    public void EventTail_AtItsCap_NewestReplacingOldest_Renders()
    {
        // At the cap the count stays the same while the newest event changes.
        var tail = new List<EventTailItem> { new(Time.GetUtcNow(), "a"), new(Time.GetUtcNow(), "b") };
        var cut = Render<EventTail>(p => p.Add(c => c.Tail, tail));
        var renders = cut.RenderCount;

        tail.RemoveAt(0);
        tail.Add(new(Time.GetUtcNow(), "c"));
        cut.Render(p => p.Add(c => c.Tail, tail));

        Assert.True(cut.RenderCount > renders);
        Assert.Contains("c", cut.Find("[role=log] div").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void PulseCountdown_ClockTicks_CountsDown()
    {
        var deadline = Clock.SchedulerNow.AddSeconds(10);
        var cut = Render<PulseCountdown>(p => p.Add(c => c.Deadline, deadline));
        Assert.Contains("(in 10 s)", cut.Markup, StringComparison.Ordinal);

        Time.Advance(TimeSpan.FromSeconds(4));
        cut.WaitForAssertion(() => Assert.Contains("(in 6 s)", cut.Markup, StringComparison.Ordinal), Wait);

        Time.Advance(TimeSpan.FromSeconds(7));
        cut.WaitForAssertion(() => Assert.Contains("(expired)", cut.Markup, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void PulseCountdown_NoPulseYet_SaysSo()
    {
        var cut = Render<PulseCountdown>(p => p.Add(c => c.Deadline, null));

        Assert.Equal("no pulse received yet", cut.Markup.Trim());
    }
}
