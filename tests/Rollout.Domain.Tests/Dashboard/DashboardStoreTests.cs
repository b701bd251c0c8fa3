using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Tests.Dashboard;

public class DashboardStoreTests
{
    private const string Key = "r/e/n#u";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ClockSync Clock = new(T0, 0);

    private static UpdateView Update(string key, UpdateStatus status = UpdateStatus.RollingForward) =>
        new(key, new JobKey("r", "e", "n"), "u", status, "alice", T0, T0, DetectionStrategy.Capabilities, new UpdateSettings(), null,
            1, 0, 0, 0, 0, 0, 0, null);

    private static InstanceView Instance(int id, TaskState state) =>
        InstanceView.NotStarted(id) with { TaskId = $"t{id}", TaskStatus = state, HealthState = HealthState.Healthy, GatingMode = GatingMode.HealthGated };

    private static UpdateSnapshot Snapshot(string epoch, long version) =>
        new(epoch, version, Clock, ConnectionView.Initial, Update(Key), InstanceRowCodec.Encode([Instance(0, TaskState.Starting)]),
            [new StatusChangeView(T0, UpdateStatus.RollingForward, "alice", "go")], [new EventTailItem(T0, "started")]);

    private static DeltaBatch Batch(string epoch, long previous, long version, params InstanceView[] instances) =>
        new(Key, epoch, previous, version, null, null, [], [], InstanceRowCodec.Encode(instances), [], []);

    private static DashboardStore Loaded(string epoch = "e", long version = 5)
    {
        var store = new DashboardStore();
        store.Load(Key, Snapshot(epoch, version));
        return store;
    }

    [Fact]
    public void Apply_BeforeSnapshot_IsIgnored()
    {
        Assert.Equal(DeltaOutcome.Stale, new DashboardStore().Apply(Batch("e", 0, 1)));
    }

    [Fact]
    public void Apply_NextBatch_FoldsChangedInstancesOnly()
    {
        var store = Loaded();
        var changes = 0;
        store.Changed += () => changes++;

        Assert.Equal(DeltaOutcome.Applied, store.Apply(Batch("e", 5, 9, Instance(0, TaskState.Running), Instance(1, TaskState.Pending))));

        Assert.Equal([TaskState.Running, TaskState.Pending], store.Instances.Select(i => i.TaskStatus!.Value));
        Assert.Equal(9, store.Version);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void Apply_PreviousVersionBeforeTheSnapshot_StillApplies()
    {
        // Nothing changed in this view between 3 and the snapshot's 5: batch 3 -> 8 follows the snapshot.
        var store = Loaded();

        Assert.Equal(DeltaOutcome.Applied, store.Apply(Batch("e", 3, 8, Instance(0, TaskState.Running))));
        Assert.Equal(TaskState.Running, store.Instances.Single().TaskStatus);
    }

    [Fact]
    public void Apply_CoveredBySnapshot_IsStale()
    {
        var store = Loaded();

        Assert.Equal(DeltaOutcome.Stale, store.Apply(Batch("e", 4, 5, Instance(0, TaskState.Killed))));
        Assert.Equal(TaskState.Starting, store.Instances.Single().TaskStatus);
    }

    [Fact]
    public void Apply_MissedBatch_NeedsSnapshotAndChangesNothing()
    {
        var store = Loaded();

        Assert.Equal(DeltaOutcome.NeedsSnapshot, store.Apply(Batch("e", 6, 7, Instance(0, TaskState.Killed))));
        Assert.Equal(5, store.Version);
        Assert.Equal(TaskState.Starting, store.Instances.Single().TaskStatus);
    }

    [Fact]
    public void Apply_NewEpoch_NeedsSnapshot()
    {
        Assert.Equal(DeltaOutcome.NeedsSnapshot, Loaded().Apply(Batch("other", 5, 6)));
    }

    [Fact]
    public void Apply_BatchOfAnotherView_IsIgnored()
    {
        var store = Loaded();

        Assert.Equal(DeltaOutcome.Stale, store.Apply(Batch("e", 5, 6, Instance(0, TaskState.Killed)) with { View = DashboardViews.List }));
        Assert.Equal(TaskState.Starting, store.Instances.Single().TaskStatus);
    }

    [Fact]
    public void Apply_Appends_KeepTheLatestWithinBounds()
    {
        var store = Loaded();
        var tail = Enumerable.Range(0, DashboardStore.MaxTail + 5).Select(i => new EventTailItem(T0.AddSeconds(i), $"e{i}")).ToArray();

        store.Apply(Batch("e", 5, 6) with { History = [new StatusChangeView(T0, UpdateStatus.RollForwardPaused, "bob", "wait")], Tail = tail });

        Assert.Equal([UpdateStatus.RollingForward, UpdateStatus.RollForwardPaused], store.History.Select(h => h.Status));
        Assert.Equal(DashboardStore.MaxTail, store.Tail.Count);
        Assert.Equal($"e{DashboardStore.MaxTail + 4}", store.Tail[^1].Text);
    }

    [Fact]
    public void Apply_InstanceInTheMiddle_KeepsIdOrder()
    {
        var store = Loaded();
        store.Apply(Batch("e", 5, 6, Instance(4, TaskState.Pending), Instance(2, TaskState.Pending)));

        store.Apply(Batch("e", 6, 7, Instance(4, TaskState.Running)));

        Assert.Equal([0, 2, 4], store.Instances.Select(i => i.InstanceId));
        Assert.Equal(TaskState.Running, store.Instances[2].TaskStatus);
    }

    [Fact]
    public void Apply_RemovedUpdate_DropsItFromTheList()
    {
        var store = new DashboardStore();
        store.Load(new ListSnapshot("e", 1, Clock, ConnectionView.Initial, [Update("a"), Update("b")]));

        store.Apply(new DeltaBatch(DashboardViews.List, "e", 1, 2, null, new ConnectionView(UpstreamState.Live, T0, T0, "", 0), [], ["a"], [], [], []));

        Assert.Equal(["b"], store.Updates.Select(u => u.Key));
        Assert.Equal(UpstreamState.Live, store.Connection.State);
    }

    [Fact]
    public void Begin_ThenSlices_ShowsTheHeaderFirstAndEachSliceAsItComes()
    {
        var store = new DashboardStore();
        var seen = new List<int>();
        store.Changed += () => seen.Add(store.Instances.Count);
        var snapshot = Snapshot("e", 5) with { Rows = InstanceRowCodec.Encode([.. Enumerable.Range(0, 5).Select(i => Instance(i, TaskState.Running))]) };

        store.Begin(Key, snapshot);
        Assert.True(store.Shows(Key));
        Assert.NotNull(store.Update(Key));
        Assert.Single(store.History);
        foreach (var slice in InstanceRowCodec.DecodeInSlices(snapshot.Rows, 2)) store.AddRows(slice);

        Assert.True(store.Filling);
        store.EndRows();

        Assert.False(store.Filling);
        Assert.Equal([0, 2, 4, 5, 5], seen);
        Assert.Equal([0, 1, 2, 3, 4], store.Instances.Select(i => i.InstanceId));
        Assert.Equal(5, store.Version);
    }

    [Fact]
    public void Fits_TellsWhichBatchesWouldApply()
    {
        var store = Loaded();

        Assert.True(store.Fits(Batch("e", 5, 6)));
        Assert.True(store.Fits(Batch("e", 3, 6)));
        Assert.False(store.Fits(Batch("e", 4, 5)));
        Assert.False(store.Fits(Batch("e", 6, 7)));
        Assert.False(store.Fits(Batch("other", 5, 6)));
        Assert.False(new DashboardStore().Fits(Batch("e", 0, 1)));
    }

    [Fact]
    public void Apply_RowsDecodedElsewhere_AppliesThemNotTheBatchBytes()
    {
        var store = Loaded();
        var batch = Batch("e", 5, 6, Instance(0, TaskState.Killed));

        Assert.Equal(DeltaOutcome.Applied, store.Apply(batch, [Instance(0, TaskState.Running)]));
        Assert.Equal(TaskState.Running, store.Instances.Single().TaskStatus);
    }

    [Fact]
    public void Apply_RowsDecodedElsewhereForAGap_NeedsSnapshotAndChangesNothing()
    {
        var store = Loaded();

        Assert.Equal(DeltaOutcome.NeedsSnapshot, store.Apply(Batch("e", 6, 7), [Instance(0, TaskState.Running)]));
        Assert.Equal(TaskState.Starting, store.Instances.Single().TaskStatus);
    }

    [Fact]
    public void InstanceView_Equality_ComparesListsByValue()
    {
        var a = Instance(1, TaskState.Running) with { Capabilities = ["X"], Hazards = ["H"] };
        var b = Instance(1, TaskState.Running) with { Capabilities = ["X"], Hazards = ["H"] };

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { Hazards = [] });
    }

    [Theory]
    [InlineData("r/e/n#u1", true)]
    [InlineData("r/e/n#", false)]
    [InlineData("r/e#u1", false)]
    [InlineData("#u1", false)]
    [InlineData(null, false)]
    public void DashboardKeys_Parse_RoundTrips(string? text, bool valid)
    {
        var key = DashboardKeys.Parse(text);

        Assert.Equal(valid, key is not null);
        if (key is not null) Assert.Equal(text, DashboardKeys.Of(key));
    }
}
