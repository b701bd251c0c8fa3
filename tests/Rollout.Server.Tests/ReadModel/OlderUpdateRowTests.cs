using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.ReadModel;

/// <summary>
/// An older update of a job shows the job's instances from the same task tracks as the latest one.
/// Found by the transport property test: live status events only refreshed the latest update's rows,
/// so the older update's view differed from what a fresh fold of the same log (a new browser after
/// an upstream restart) shows.
/// </summary>
public class OlderUpdateRowTests
{
    private static readonly UpdateKey Second = Key with { Id = "web-2" };

    [Fact]
    public void ApplyStatus_TaskOfAnOlderUpdatesJob_OlderUpdatesRowEqualsAFreshFold()
    {
        UpdaterEvent[] updater =
        [
            Started(instances: 2), Status(UpdateStatus.RolledForward, 10),
            Started(instances: 2) with { Update = Second, Timestamp = T0.AddSeconds(20) },
        ];
        TaskStatusUpdate[] status = [TaskUpdate(0, "t0", TaskState.Pending, 30), TaskUpdate(0, "t0", TaskState.Running, 40, VCurrentRunning)];
        var live = new DashboardModel(new FakeTimeProvider(T0));
        foreach (var e in updater) live.ApplyUpdater(e);
        live.Publish();
        foreach (var s in status) live.ApplyStatus(s);
        live.Publish();

        var fresh = new DashboardModel(new FakeTimeProvider(T0));
        fresh.ReplaceStatus(status);
        fresh.ReplaceUpdater(updater);
        fresh.Publish();

        var shown = live.UpdateSnapshot(DashboardKeys.Of(Key)).DecodeRows();
        Assert.Equal(fresh.UpdateSnapshot(DashboardKeys.Of(Key)).DecodeRows(), shown);
        Assert.Equal(TaskState.Running, shown[0].TaskStatus);
    }
}
