using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Tests.Dashboard;

public class DashboardStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static UpdateView Update(string key, UpdateStatus status = UpdateStatus.RollingForward) =>
        new(key, new JobKey("r", "e", "n"), "u", status, "alice", T0, T0, DetectionStrategy.Capabilities, new UpdateSettings(), null,
            1, 0, 0, 0, 0, 0, 0, null, null, [], []);

    private static InstanceView Instance(int id, TaskState state) =>
        new(id, $"t{id}", state, "h", ExecutorVersion.VCurrent, [], [], HealthState.Healthy, null, GatingMode.HealthGated, "",
            30, null, null, "", [], null, 0, []);

    private static DashboardSnapshot Snapshot(string epoch, long version) =>
        new(epoch, version, ConnectionView.Initial, [Update("a")], [new UpdateInstances("a", [Instance(0, TaskState.Starting)])]);

    private static DeltaBatch Batch(string epoch, long version, params InstanceView[] instances) =>
        new(epoch, version, null, [], [], instances.Select(i => new InstanceDelta("a", i)).ToArray());

    [Fact]
    public void Apply_BeforeSnapshot_NeedsSnapshot()
    {
        Assert.Equal(DeltaOutcome.NeedsSnapshot, new DashboardStore().Apply(Batch("e", 1)));
    }

    [Fact]
    public void Apply_NextVersion_Folds()
    {
        var store = new DashboardStore();
        store.Load(Snapshot("e", 5));
        var changes = 0;
        store.Changed += () => changes++;

        Assert.Equal(DeltaOutcome.Applied, store.Apply(Batch("e", 6, Instance(0, TaskState.Running), Instance(1, TaskState.Pending))));

        Assert.Equal([TaskState.Running, TaskState.Pending], store.Instances("a").Select(i => i.TaskStatus!.Value));
        Assert.Equal(6, store.Version);
        Assert.Equal(1, changes);
    }

    [Fact]
    public void Apply_CoveredBySnapshot_IsStale()
    {
        var store = new DashboardStore();
        store.Load(Snapshot("e", 5));

        Assert.Equal(DeltaOutcome.Stale, store.Apply(Batch("e", 5, Instance(0, TaskState.Killed))));
        Assert.Equal(TaskState.Starting, store.Instances("a").Single().TaskStatus);
    }

    [Fact]
    public void Apply_Gap_NeedsSnapshotAndChangesNothing()
    {
        var store = new DashboardStore();
        store.Load(Snapshot("e", 5));

        Assert.Equal(DeltaOutcome.NeedsSnapshot, store.Apply(Batch("e", 7, Instance(0, TaskState.Killed))));
        Assert.Equal(5, store.Version);
        Assert.Equal(TaskState.Starting, store.Instances("a").Single().TaskStatus);
    }

    [Fact]
    public void Apply_NewEpoch_NeedsSnapshot()
    {
        var store = new DashboardStore();
        store.Load(Snapshot("e", 5));

        Assert.Equal(DeltaOutcome.NeedsSnapshot, store.Apply(Batch("other", 6)));
    }

    [Fact]
    public void Apply_RemovedUpdate_DropsItsInstances()
    {
        var store = new DashboardStore();
        store.Load(Snapshot("e", 1));

        store.Apply(new DeltaBatch("e", 2, new ConnectionView(UpstreamState.Live, T0, T0, "", 0), [], ["a"], []));

        Assert.Empty(store.Updates);
        Assert.Empty(store.Instances("a"));
        Assert.Equal(UpstreamState.Live, store.Connection.State);
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
