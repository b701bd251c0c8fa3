using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Components;

public class InstancePanelTests : ClientTest
{
    [Fact]
    public void Render_ShowsVerdictsHazardsAndTheTimelineAsText()
    {
        Dashboard.Detail = Views.Detail(Views.Instance()) with
        {
            Timeline =
            [
                new TaskEventView("task-0", TaskState.Pending, "", 0, Views.T0, StatusSource.Scheduler, "", null),
                new TaskEventView("task-0", TaskState.Running, "<img src=x onerror=alert(1)>Task is healthy.", 46, Views.T0.AddSeconds(20), StatusSource.Executor, "host-1", null),
            ],
        };

        var cut = Render<InstancePanel>(p => p.Add(c => c.UpdateKey, "www-data/prod/web#web-1").Add(c => c.Instance, Views.Instance()));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("table[aria-label='Task timeline'] tbody tr, [aria-label='Task timeline'] tbody tr").Count), Wait);
        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("S2 (used by the updater)", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("vPrev (assumed)", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("UPDATER_DISAGREES_WITH_EVIDENCE", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("2/2 passes, 1 attempts left", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("S2: advertises HEALTH_GATED_RUNNING", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BeforeTheDetailArrives_ShowsTheRowAndSaysItIsLoading()
    {
        Dashboard.PendingDetail = new TaskCompletionSource<InstanceDetail?>();

        var cut = Render<InstancePanel>(p => p.Add(c => c.UpdateKey, Views.Key).Add(c => c.Instance, Views.Instance()));

        Assert.Contains("Loading evidence", cut.Find("[data-testid=evidence-state]").TextContent, StringComparison.Ordinal);
        Assert.Contains("task-0", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ServerDoesNotAnswer_SaysTheEvidenceIsUnavailableAndTriesAgainWithTheNextChange()
    {
        Dashboard.Detail = null;
        var cut = Render<InstancePanel>(p => p.Add(c => c.UpdateKey, Views.Key).Add(c => c.Instance, Views.Instance()));
        Assert.Contains("Evidence unavailable", cut.Find("[data-testid=evidence-state]").TextContent, StringComparison.Ordinal);

        Dashboard.Detail = Views.Detail(Views.Instance());
        cut.Render(p => p.Add(c => c.Instance, Views.Instance() with { Failures = 2 }));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=evidence-state]")), Wait);
        Assert.Contains("S2: advertises HEALTH_GATED_RUNNING", cut.Markup, StringComparison.Ordinal);
    }
}
