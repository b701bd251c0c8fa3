using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.ReadModel;

/// <summary>
/// An upstream restart whose new log lacks an update browsers watch. Found by the transport property
/// test: the new epoch's batches went only to updates the new log holds, so a browser watching the
/// vanished one never learnt of the epoch and showed the update forever.
/// </summary>
public class RestartRemovalTests
{
    private static readonly string View = DashboardKeys.Of(Key);

    [Fact]
    public void Publish_NewEpochWithoutAWatchedUpdate_ItsViewGetsARemovalInTheNewEpoch()
    {
        var model = new DashboardModel(new FakeTimeProvider(T0));
        model.ReplaceUpdater([Started(instances: 2), Status(UpdateStatus.RollingForward, 1)]);
        var before = model.Publish()!.Batches[View];

        model.ReplaceUpdater([]); // the upstream restarted holding nothing
        var batch = model.Publish()!.Batches.GetValueOrDefault(View);

        Assert.NotNull(batch);
        Assert.Equal(model.Epoch, batch.Epoch);
        Assert.NotEqual(before.Epoch, batch.Epoch);
        Assert.Equal([View], batch.RemovedUpdates);
    }

    [Fact]
    public void Apply_RemovalInANewEpoch_BrowserStoreAsksForASnapshot()
    {
        var model = new DashboardModel(new FakeTimeProvider(T0));
        model.ReplaceUpdater([Started(instances: 2)]);
        model.Publish();
        var store = new DashboardStore();
        store.Load(View, model.UpdateSnapshot(View));

        model.ReplaceUpdater([]);
        var batch = model.Publish()!.Batches[View];

        Assert.Equal(DeltaOutcome.NeedsSnapshot, store.Apply(batch));
        store.Load(View, model.UpdateSnapshot(View));
        Assert.Null(store.Update(View));
        Assert.Empty(store.Instances);
    }
}
