using Rollout.Domain.Events;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using static Rollout.Domain.Tests.Insight.LogScript;

namespace Rollout.Domain.Tests.Insight;

public class UpdateLogTests
{
    private static TaskStatusUpdate Status(double at, JobKey? job = null) =>
        new("t-1", job ?? Job, 0, TaskState.Running, string.Empty, At(at), StatusSource.Executor, "h");

    [Fact]
    public void Add_OtherUpdateOrJob_IsNotKept()
    {
        var log = new UpdateLog(Key);

        Assert.False(log.Add(new UpdateStatusChanged(new UpdateKey(Job, "other"), At(0), UpdateStatus.RollingForward, "", "")));
        Assert.False(log.Add(Status(0, new JobKey("a", "b", "c"))));
        Assert.True(log.Add(Status(0)));
        Assert.Equal(1, log.Count);
    }

    [Fact]
    public void Add_LateEvent_IsSlottedByTimestamp()
    {
        var log = new UpdateLog(Key);
        log.Add(Status(1));
        log.Add(Status(3));
        log.Add(Status(2));

        Assert.Equal([1.0, 2.0, 3.0], Enumerable.Range(0, 3).Select(i => (log[i].Timestamp - T0).TotalSeconds));
        Assert.Equal([0L, 2L, 1L], Enumerable.Range(0, 3).Select(i => log[i].Arrival));
    }

    [Fact]
    public void From_TwoStreams_MergesByTimeWithStatusFirstAtTies()
    {
        var updater = new UpdaterEvent[] { new UpdateStatusChanged(Key, At(1), UpdateStatus.RollingForward, "", "") };
        var status = new[] { Status(1), Status(0) };

        var log = UpdateLog.From(Key, updater, status);

        Assert.Equal(3, log.Count);
        Assert.NotNull(log[0].Status);
        Assert.NotNull(log[1].Status);
        Assert.NotNull(log[2].Updater);
    }
}
