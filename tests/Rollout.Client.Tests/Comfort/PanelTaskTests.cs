using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Comfort;

public class PanelTaskTests
{
    private static readonly InstanceView NoTaskRow = InstanceView.NotStarted(0);

    private static TaskEventView Event(string task, TaskState state, string host = "host-9", int? unknown = null) =>
        new(task, state, "", 0, Views.T0, StatusSource.Executor, host, null, unknown);

    [Fact]
    public void Of_RowWithATask_IsTheRows()
    {
        var detail = Views.Detail(Views.Instance() with { TaskId = "older", TaskStatus = TaskState.Pending }) with { Timeline = [Event("older", TaskState.Pending)] };

        Assert.Equal(new PanelTask("task-0", "host-1", "RUNNING"), PanelTask.Of(Views.Instance(), detail));
    }

    [Fact]
    public void Of_RowWithoutATaskDetailWithOne_IsTheDetails()
    {
        var detail = Views.Detail(Views.Instance()) with { Timeline = [Event("task-0", TaskState.Pending), Event("task-0", TaskState.Running, "host-1")] };

        Assert.Equal(new PanelTask("task-0", "host-1", "RUNNING"), PanelTask.Of(NoTaskRow, detail));
    }

    [Fact]
    public void Of_OnlyTheTimelineKnowsTheTask_IsItsLatestEvent()
    {
        var detail = Views.Detail(NoTaskRow) with { Timeline = [Event("task-7", TaskState.Pending, ""), Event("task-7", TaskState.Assigned)] };

        Assert.Equal(new PanelTask("task-7", "host-9", "ASSIGNED"), PanelTask.Of(NoTaskRow, detail));
    }

    [Fact]
    public void Of_TaskWhoseOnlyStateIsUnknown_SaysUnknownNotNoTask()
    {
        var row = NoTaskRow with { TaskId = "task-3" };
        var detail = Views.Detail(row) with { Timeline = [Event("task-3", TaskState.Unknown, unknown: 17)] };

        Assert.Equal(new PanelTask("task-3", "host-9", "UNKNOWN(17)"), PanelTask.Of(row, detail));
    }

    [Fact]
    public void Of_NoTaskAnywhere_SaysNoTask()
    {
        Assert.Equal(new PanelTask("", "", PanelTask.NoTask), PanelTask.Of(NoTaskRow, null));
        Assert.Equal(new PanelTask("", "", PanelTask.NoTask), PanelTask.Of(NoTaskRow, Views.Detail(NoTaskRow)));
    }
}
