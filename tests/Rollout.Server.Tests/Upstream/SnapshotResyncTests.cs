using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.Upstream;

/// <summary>An upstream snapshot of the epoch held is merged (browsers keep their snapshots); one of a new epoch replaces all.</summary>
public class SnapshotResyncTests
{
    private static readonly string KeyText = DashboardKeys.Of(Key);
    private static readonly UpdateKey Other = new(new JobKey("r", "e", "other"), "u");
    private readonly FakeTimeProvider _time = new(T0);

    private static UpdaterEvent[] UpdaterState() => [Started(), Status(UpdateStatus.RollingForward, 1), Action(0, InstanceAction.InstanceUpdating, 2)];

    private static TaskStatusUpdate[] StatusState() => [TaskUpdate(0, "t0", TaskState.Running, 5), TaskUpdate(1, "t1", TaskState.Starting, 6)];

    private DashboardModel Loaded()
    {
        var model = new DashboardModel(_time, TimeSpan.FromSeconds(15));
        model.StreamConnected(UpstreamFeed.Status);
        model.StreamConnected(UpstreamFeed.Updater);
        model.ReplaceUpdater([.. UpdaterState(), Started() with { Update = Other }]);
        model.ReplaceStatus(StatusState());
        model.Publish();
        return model;
    }

    [Fact]
    public void ResyncUpdaterAndStatus_NothingChanged_KeepTheEpochAndSendNoData()
    {
        var model = Loaded();
        var epoch = model.Epoch;
        var rows = model.UpdateSnapshot(KeyText).DecodeRows();

        model.ResyncUpdater([.. UpdaterState(), Started() with { Update = Other }]);
        model.ResyncStatus(StatusState());
        var changes = model.Publish();

        Assert.Equal(epoch, model.Epoch);
        Assert.NotNull(changes); // the snapshot count moved: the connection view travels, nothing else
        Assert.All(changes.Batches.Values, b =>
        {
            Assert.Equal(epoch, b.Epoch);
            Assert.Empty(b.DecodeRows());
            Assert.Empty(b.Updates);
            Assert.Empty(b.RemovedUpdates);
            Assert.Empty(b.History);
            Assert.Empty(b.Tail);
            Assert.Equal(4, b.Connection!.Snapshots);
        });
        Assert.Equal(rows, model.UpdateSnapshot(KeyText).DecodeRows());
    }

    [Fact]
    public void ResyncStatus_OneTaskMoved_SendsThatRowOnly()
    {
        var model = Loaded();
        var epoch = model.Epoch;

        model.ResyncStatus([TaskUpdate(0, "t0", TaskState.Running, 5), TaskUpdate(1, "t1", TaskState.Running, 9)]);
        var batch = model.Publish()!.Batches[KeyText];

        Assert.Equal(epoch, batch.Epoch);
        Assert.Equal([(1, TaskState.Running)], batch.DecodeRows().Select(r => (r.InstanceId, r.TaskStatus)));
    }

    [Fact]
    public void ResyncUpdater_UpdateNoLongerHeld_IsRemovedWithoutANewEpoch()
    {
        var model = Loaded();
        var epoch = model.Epoch;

        model.ResyncUpdater([.. UpdaterState(), Status(UpdateStatus.RollForwardPaused, 3, "bob", "hold")]);
        var changes = model.Publish()!;

        Assert.Equal(epoch, model.Epoch);
        Assert.Equal([DashboardKeys.Of(Other)], changes.Batches[DashboardViews.List].RemovedUpdates);
        Assert.Equal([KeyText], model.ListSnapshot().Updates.Select(u => u.Key));
        var batch = changes.Batches[KeyText];
        Assert.Equal(UpdateStatus.RollForwardPaused, Assert.Single(batch.Updates).Status);
        Assert.Equal("bob", Assert.Single(batch.History).User); // only the new status change, not the history again
    }

    [Fact]
    public void ResyncStatus_TrackNoLongerHeld_IsDropped()
    {
        var model = Loaded();

        model.ResyncStatus([TaskUpdate(0, "t0", TaskState.Running, 5)]);
        var batch = model.Publish()!.Batches[KeyText];

        var row = Assert.Single(batch.DecodeRows());
        Assert.Equal((1, ""), (row.InstanceId, row.TaskId));
    }

    [Fact]
    public void Replace_NewEpoch_StartsANewEpochAndDropsWhatTheSnapshotLacks()
    {
        var model = Loaded();
        var epoch = model.Epoch;

        model.ReplaceUpdater([Started() with { Update = Other }]);
        model.ReplaceStatus([]);
        model.Publish();

        Assert.NotEqual(epoch, model.Epoch);
        Assert.Equal([DashboardKeys.Of(Other)], model.ListSnapshot().Updates.Select(u => u.Key));
        Assert.Equal(4, model.Connection.Snapshots);
    }

    [Fact]
    public void CountRejected_IsCountedAndShownInEveryView()
    {
        var model = Loaded();

        model.CountRejected(UpstreamFeed.Status, "duplicate event e1:4 refused", 3);
        model.SnapshotRefused(UpstreamFeed.Updater, "snapshot at e1:2 refused: behind the position held (e1:9)");
        var changes = model.Publish()!;

        Assert.Equal(4, model.Connection.RejectedEvents);
        Assert.Equal(3, model.Connection.Snapshots); // two applied at load, one refused
        Assert.Contains("behind the position held", model.Connection.Detail, StringComparison.Ordinal);
        Assert.All(changes.Batches.Values, b => Assert.Equal(4, b.Connection!.RejectedEvents));
    }

    [Fact]
    public void StreamConnected_AfterAFailure_CountsAReconnect()
    {
        var model = Loaded();

        model.StreamFailed(UpstreamFeed.Status, "Unavailable: reset");
        model.StreamConnected(UpstreamFeed.Status);
        model.StreamFailed(UpstreamFeed.Updater, "Unavailable: reset");
        model.StreamConnected(UpstreamFeed.Updater);

        Assert.Equal(2, model.Connection.Reconnects);
        Assert.Equal(UpstreamState.Live, model.Connection.State);
    }
}
