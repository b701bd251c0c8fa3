using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Services;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Components;

/// <summary>Values the scheduler sent that this build does not know are shown as unknown, and their count next to the bad messages.</summary>
public class UnknownValueDisplayTests : ClientTest
{
    [Fact]
    public void ConnectionBanner_UnknownValues_AreCountedVisiblyNextToBadMessages()
    {
        var cut = Render<ConnectionBanner>(p => p
            .Add(b => b.Connection, new ConnectionView(UpstreamState.Live, null, null, "", 2, 4)).Add(b => b.Hub, HubState.Connected));

        Assert.Contains("4 unknown upstream value(s) kept and shown as unknown", cut.Find("[data-connection=unknown-values]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2 unreadable upstream message(s) skipped", cut.Find("[data-connection=bad-messages]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionBanner_NoUnknownValues_SaysNothing()
    {
        var cut = Render<ConnectionBanner>(p => p
            .Add(b => b.Connection, new ConnectionView(UpstreamState.Live, null, null, "", 0)).Add(b => b.Hub, HubState.Connected));

        Assert.Empty(cut.FindAll("[data-connection=unknown-values]"));
    }

    [Fact]
    public void InstancePanel_TimelineEventWithUnknownState_ShowsItsNumber()
    {
        Dashboard.Detail = Views.Detail(Views.Instance()) with
        {
            Timeline =
            [
                new TaskEventView("task-0", TaskState.Running, "Task is healthy.", 16, Views.T0, StatusSource.Executor, "host-1", null),
                new TaskEventView("task-0", TaskState.Unknown, "odd state", 9, Views.T0.AddSeconds(5), StatusSource.Executor, "host-1", null, 17),
            ],
        };

        var cut = Render<InstancePanel>(p => p.Add(c => c.UpdateKey, Views.Key).Add(c => c.Instance, Views.Instance()));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[aria-label='Task timeline'] tbody tr").Count), Wait);
        Assert.Equal(["RUNNING", "UNKNOWN(17)"], cut.FindAll("[aria-label='Task timeline'] tbody tr").Select(r => r.Children[1].TextContent.Trim()));
    }

    [Fact]
    public void UpdateHeader_UnknownDetectionStrategy_SaysSoAndThatGatingIsUndetermined()
    {
        var cut = Render<UpdateHeader>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward) with { DetectionStrategy = DetectionStrategy.Unknown }));

        Assert.Contains("unknown (not a strategy this dashboard knows: gating undetermined)", cut.Find("[data-testid=detection]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateHeader_KnownDetectionStrategy_ShowsItsShortAndLongName()
    {
        var cut = Render<UpdateHeader>(p => p.Add(c => c.Update, Views.Update(UpdateStatus.RollingForward)));

        Assert.Contains("S2 (Capabilities)", cut.Find("[data-testid=detection]").TextContent, StringComparison.Ordinal);
    }
}
