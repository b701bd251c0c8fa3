using Rollout.Client.Services;

namespace Rollout.Client.Tests.Services;

public class ConnectionCountsTests
{
    [Theory]
    [InlineData(SnapshotReason.Gap, 1, 0, 0, 0)]
    [InlineData(SnapshotReason.NewEpoch, 0, 1, 0, 0)]
    [InlineData(SnapshotReason.FellBehind, 0, 0, 1, 0)]
    [InlineData(SnapshotReason.Reconnect, 0, 0, 0, 1)]
    public void SnapshotTaken_Resnapshot_CountedUnderItsReason(SnapshotReason reason, int gaps, int newEpochs, int fellBehind, int afterReconnect)
    {
        var counts = ConnectionCounts.None.SnapshotTaken(reason);

        Assert.Equal(new ConnectionCounts(0, 1, gaps, newEpochs, fellBehind, afterReconnect), counts);
        Assert.Equal(1, counts.Resnapshots);
    }

    [Fact]
    public void SnapshotTaken_NewView_IsNoResnapshot()
    {
        var counts = ConnectionCounts.None.SnapshotTaken(SnapshotReason.View).SnapshotTaken(SnapshotReason.View);

        Assert.Equal(2, counts.Snapshots);
        Assert.Equal(0, counts.Resnapshots);
    }

    [Fact]
    public void Reconnected_CountsOnlyReconnects()
    {
        var counts = ConnectionCounts.None.Reconnected().Reconnected();

        Assert.Equal(ConnectionCounts.None with { Reconnects = 2 }, counts);
    }
}
