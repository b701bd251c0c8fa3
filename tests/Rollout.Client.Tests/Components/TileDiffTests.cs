using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Components;

public class TileDiffTests
{
    private static List<InstanceView> Instances(int count) =>
        [.. Enumerable.Range(0, count).Select(i => Views.Instance(i) with { Hazards = [], UpdateAction = null })];

    [Fact]
    public void Update_FirstTime_SendsEveryTile()
    {
        var diff = new TileDiff();
        var instances = Instances(3);
        instances[1] = instances[1] with { UpdateAction = InstanceAction.InstanceUpdated, Hazards = ["X"] };

        var change = diff.Update(instances, ColorBy.UpdateAction);

        Assert.Equal(TileChangeKind.Full, change.Kind);
        Assert.Equal([0, 1, 2], change.Ids);
        Assert.Equal([(byte)TileTone.Neutral, (byte)TileTone.Success, (byte)TileTone.Neutral], change.Colors);
        Assert.Equal([(byte)TileMarks.None, (byte)TileMarks.Hazard, (byte)TileMarks.None], change.Marks);
        Assert.Equal(1, diff.HazardCount);
        Assert.Equal(3, diff.Count);
    }

    [Fact]
    public void Update_SameInput_IsEmpty()
    {
        var diff = new TileDiff();
        var instances = Instances(5);
        diff.Update(instances, ColorBy.HealthState);

        Assert.Equal(TileChangeKind.None, diff.Update(instances, ColorBy.HealthState).Kind);
    }

    [Fact]
    public void Update_EqualButNewRecords_IsEmpty()
    {
        var diff = new TileDiff();
        diff.Update(Instances(5), ColorBy.UpdateAction);

        // New records (as after a snapshot reload) that look the same change nothing on screen.
        var change = diff.Update(Instances(5).Select(i => i with { Host = "elsewhere" }).ToList(), ColorBy.UpdateAction);

        Assert.Equal(TileChangeKind.None, change.Kind);
    }

    [Fact]
    public void Update_OneInstanceRecoloured_PatchesOnlyThatTile()
    {
        var diff = new TileDiff();
        var instances = Instances(10_000);
        diff.Update(instances, ColorBy.UpdateAction);

        instances[4321] = instances[4321] with { UpdateAction = InstanceAction.InstanceUpdating };
        var change = diff.Update(instances, ColorBy.UpdateAction);

        Assert.Equal(TileChangeKind.Patch, change.Kind);
        Assert.Equal([4321], change.Positions);
        Assert.Equal([(byte)TileTone.Info], change.Colors);
        Assert.Equal([(byte)TileMarks.None], change.Marks);
        Assert.Empty(change.Ids);
    }

    [Fact]
    public void Update_HazardAppearsAndGoes_PatchesTheMarkAndCounts()
    {
        var diff = new TileDiff();
        var instances = Instances(3);
        diff.Update(instances, ColorBy.UpdateAction);

        instances[2] = instances[2] with { Hazards = ["X", "Y"] };
        var appeared = diff.Update(instances, ColorBy.UpdateAction);
        Assert.Equal(1, diff.HazardCount);
        instances[2] = instances[2] with { Hazards = [] };
        var gone = diff.Update(instances, ColorBy.UpdateAction);

        Assert.Equal([2], appeared.Positions);
        Assert.Equal([(byte)TileMarks.Hazard], appeared.Marks);
        Assert.Equal([2], gone.Positions);
        Assert.Equal([(byte)TileMarks.None], gone.Marks);
        Assert.Equal(0, diff.HazardCount);
    }

    [Fact]
    public void Update_ChangeInvisibleInThisColouring_IsEmpty()
    {
        var diff = new TileDiff();
        var instances = Instances(3);
        diff.Update(instances, ColorBy.ExecutorVersion);

        instances[0] = instances[0] with { UpdateAction = InstanceAction.InstanceUpdateFailed };

        Assert.Equal(TileChangeKind.None, diff.Update(instances, ColorBy.ExecutorVersion).Kind);
    }

    [Fact]
    public void Update_InstanceAdded_SendsAFullSet()
    {
        var diff = new TileDiff();
        diff.Update(Instances(3), ColorBy.UpdateAction);

        var change = diff.Update(Instances(4), ColorBy.UpdateAction);

        Assert.Equal(TileChangeKind.Full, change.Kind);
        Assert.Equal([0, 1, 2, 3], change.Ids);
    }

    [Fact]
    public void Update_SameIdsInAnotherOrder_SendsAFullSet()
    {
        var diff = new TileDiff();
        var instances = Instances(3);
        diff.Update(instances, ColorBy.UpdateAction);

        instances.Reverse();
        var change = diff.Update(instances, ColorBy.UpdateAction);

        Assert.Equal(TileChangeKind.Full, change.Kind);
        Assert.Equal([2, 1, 0], change.Ids);
    }

    [Fact]
    public void Update_ColorByChanged_RecoloursEveryTile()
    {
        var diff = new TileDiff();
        var instances = Instances(3);
        instances[0] = instances[0] with { ExecutorVersion = ExecutorVersion.VPrev };
        instances[2] = instances[2] with { ExecutorVersion = ExecutorVersion.Unknown };
        diff.Update(instances, ColorBy.UpdateAction);

        var change = diff.Update(instances, ColorBy.ExecutorVersion);

        Assert.Equal(TileChangeKind.Full, change.Kind);
        Assert.Equal([0, 1, 2], change.Ids);
        Assert.Equal([(byte)TileTone.Warning, (byte)TileTone.Success, (byte)TileTone.Neutral], change.Colors);
    }

    [Fact]
    public void Full_AfterPatches_IsACopyOfTheLatestState()
    {
        var diff = new TileDiff();
        var instances = Instances(2);
        var first = diff.Update(instances, ColorBy.UpdateAction);

        instances[1] = instances[1] with { UpdateAction = InstanceAction.InstanceRolledBack };
        diff.Update(instances, ColorBy.UpdateAction);
        var full = diff.Full();

        Assert.Equal([(byte)TileTone.Neutral, (byte)TileTone.Neutral], first.Colors);
        Assert.Equal([(byte)TileTone.Neutral, (byte)TileTone.Secondary], full.Colors);
        Assert.Equal([0, 1], full.Ids);
    }

    [Fact]
    public void Invalidate_ThenSameInput_SendsAFullSet()
    {
        var diff = new TileDiff();
        var instances = Instances(2);
        diff.Update(instances, ColorBy.UpdateAction);

        diff.Invalidate();

        Assert.Equal(TileChangeKind.Full, diff.Update(instances, ColorBy.UpdateAction).Kind);
    }

    [Fact]
    public void Find_KnownAndUnknownIds_ReturnsTheLatestRecordOrNull()
    {
        var diff = new TileDiff();
        var instances = Instances(3);
        diff.Update(instances, ColorBy.UpdateAction);
        instances[1] = instances[1] with { Host = "moved" };
        diff.Update(instances, ColorBy.UpdateAction);

        Assert.Equal("moved", diff.Find(1)?.Host);
        Assert.Null(diff.Find(99));
    }

    [Fact]
    public void Update_TheStoresSortedCollection_PatchesLikeAList()
    {
        var diff = new TileDiff();
        var store = new SortedDictionary<int, InstanceView>();
        foreach (var instance in Instances(100)) store[instance.InstanceId] = instance;
        diff.Update(store.Values, ColorBy.UpdateAction);

        store[42] = store[42] with { UpdateAction = InstanceAction.InstanceUpdateFailed };
        var change = diff.Update(store.Values, ColorBy.UpdateAction);

        Assert.Equal([42], change.Positions);
        Assert.Equal([(byte)TileTone.Error], change.Colors);
    }

    [Fact]
    public void Update_APlainEnumerableCollection_PatchesLikeAList()
    {
        var diff = new TileDiff();
        var instances = Instances(4);
        diff.Update(new OnlyEnumerable(instances), ColorBy.UpdateAction);

        instances[3] = instances[3] with { UpdateAction = InstanceAction.InstanceUpdated };
        var change = diff.Update(new OnlyEnumerable(instances), ColorBy.UpdateAction);

        Assert.Equal([3], change.Positions);
    }

    [Fact]
    public void Update_FewerInstancesThenTheSameAgain_SendsAFullSetThenNothing()
    {
        var diff = new TileDiff();
        diff.Update(Instances(10), ColorBy.UpdateAction);
        var fewer = Instances(3);

        var shrunk = diff.Update(fewer, ColorBy.UpdateAction);
        var again = diff.Update(fewer, ColorBy.UpdateAction);

        Assert.Equal([0, 1, 2], shrunk.Ids);
        Assert.Equal(TileChangeKind.None, again.Kind);
        Assert.Null(diff.Find(5));
    }

    [Fact]
    public void Update_OneIdReplacedMidway_SendsAFullSet()
    {
        var diff = new TileDiff();
        var instances = Instances(5);
        diff.Update(instances, ColorBy.UpdateAction);

        instances[1] = instances[1] with { UpdateAction = InstanceAction.InstanceUpdated };
        instances[3] = Views.Instance(99) with { Hazards = [], UpdateAction = null };
        var change = diff.Update(instances, ColorBy.UpdateAction);

        Assert.Equal(TileChangeKind.Full, change.Kind);
        Assert.Equal([0, 1, 2, 99, 4], change.Ids);
        Assert.Equal((byte)TileTone.Success, change.Colors[1]);
        Assert.Equal(99, diff.Find(99)?.InstanceId);
        Assert.Null(diff.Find(3));
    }

    /// <summary>A collection that offers nothing but Count and enumeration.</summary>
    private sealed class OnlyEnumerable(IReadOnlyCollection<InstanceView> inner) : IReadOnlyCollection<InstanceView>
    {
        public int Count => inner.Count;

        public IEnumerator<InstanceView> GetEnumerator() => inner.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
