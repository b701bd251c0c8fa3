using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Comfort;

/// <summary>The panel's first line and its timeline name the same task.</summary>
public class InstancePanelTaskTests : ClientTest
{
    private static TaskEventView Event(TaskState state, int seconds, int? unknown = null) =>
        new("task-0", state, "", 0, Views.T0.AddSeconds(seconds), StatusSource.Executor, "host-1", null, unknown);

    private static string TaskLine(IRenderedComponent<InstancePanel> cut) => cut.Find("[data-testid=panel-task]").TextContent;

    [Fact]
    public void Render_RowWithoutTaskButTheDetailHasOne_NamesTheDetailsTask()
    {
        // The row lags the server: no task yet, while the detail fetched a moment later has one running.
        var row = InstanceView.NotStarted(0);
        Dashboard.Detail = Views.Detail(Views.Instance()) with { Timeline = [Event(TaskState.Pending, 0), Event(TaskState.Running, 20)] };

        var cut = Render<InstancePanel>(p => p.Add(c => c.UpdateKey, Views.Key).Add(c => c.Instance, row));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[aria-label='Task timeline'] tbody tr").Count), Wait);
        Assert.DoesNotContain("no task", TaskLine(cut), StringComparison.Ordinal);
        Assert.Equal("Task task-0 on host-1, RUNNING", TaskLine(cut).Trim());
    }

    [Fact]
    public void Render_TaskWhoseOnlyStateIsUnknown_ShowsTheTimelinesStateNotNoTask()
    {
        // A task id but no state the row could keep: the timeline shows UNKNOWN(17), and so does the top line.
        var row = InstanceView.NotStarted(0) with { TaskId = "task-0", Host = "host-1" };
        Dashboard.Detail = Views.Detail(row) with { Timeline = [Event(TaskState.Unknown, 0, unknown: 17)] };

        var cut = Render<InstancePanel>(p => p.Add(c => c.UpdateKey, Views.Key).Add(c => c.Instance, row));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[aria-label='Task timeline'] tbody tr")), Wait);
        Assert.Equal("Task task-0 on host-1, UNKNOWN(17)", TaskLine(cut).Trim());
    }

    [Fact]
    public void Render_NoTaskAnywhere_SaysNoTask()
    {
        var row = InstanceView.NotStarted(0);
        Dashboard.Detail = Views.Detail(row);

        var cut = Render<InstancePanel>(p => p.Add(c => c.UpdateKey, Views.Key).Add(c => c.Instance, row));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=evidence-state]")), Wait);
        Assert.Equal("Task — on —, no task", TaskLine(cut).Trim());
    }
}
