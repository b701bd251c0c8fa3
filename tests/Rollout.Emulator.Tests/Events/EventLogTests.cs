using Rollout.Domain.Streams;
using Rollout.Emulator.Events;

namespace Rollout.Emulator.Tests.Events;

public class EventLogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static EventLog<string> LogWith(int capacity, int events)
    {
        var log = new EventLog<string>("e1", capacity);
        for (var i = 1; i <= events; i++) log.Append($"event {i}");
        return log;
    }

    [Fact]
    public void ReadAfter_WithinRetention_ReturnsTheRestInOrder()
    {
        var log = LogWith(capacity: 10, events: 5);
        var batch = new List<LiveEvent<string>>();

        Assert.Equal(ReadResult.Ok, log.ReadAfter(2, 100, batch));

        Assert.Equal([3L, 4L, 5L], batch.Select(b => b.Position.Sequence));
        Assert.Equal("event 3", batch[0].Item);
        Assert.All(batch, b => Assert.Equal("e1", b.Position.Epoch));
    }

    [Fact]
    public void ReadAfter_DroppedSequence_IsAGap()
    {
        var log = LogWith(capacity: 10, events: 25);
        var batch = new List<LiveEvent<string>>();

        Assert.Equal(16, log.Oldest);
        Assert.Equal(ReadResult.Gap, log.ReadAfter(14, 100, batch));
        Assert.Equal(ReadResult.Ok, log.ReadAfter(15, 100, batch));
        Assert.Equal(10, batch.Count);
    }

    [Theory]
    [InlineData("", 0, "new subscriber")]
    [InlineData("old", 3, "is not the current epoch")]
    [InlineData("e1", 99, "ahead of the log")]
    [InlineData("e1", 2, "no longer retained")]
    public void WhySnapshot_UnresumablePosition_SaysWhy(string epoch, long sequence, string reason)
    {
        var log = LogWith(capacity: 10, events: 25);

        Assert.Contains(reason, SubscriptionFeed.WhySnapshot(log, new StreamPosition(epoch, sequence)), StringComparison.Ordinal);
    }

    [Fact]
    public void WhySnapshot_ResumablePosition_IsNull()
    {
        var log = LogWith(capacity: 10, events: 25);

        Assert.Null(SubscriptionFeed.WhySnapshot(log, new StreamPosition("e1", 20)));
        Assert.Null(SubscriptionFeed.WhySnapshot(log, new StreamPosition("e1", 25)));
    }

    [Fact]
    public async Task ReadAsync_FromScratch_SnapshotThenLive()
    {
        var log = LogWith(capacity: 100, events: 3);
        var snapshot = new Snapshot<string>(["state a", "state b"], new StreamPosition("e1", 3));
        using var cts = new CancellationTokenSource(Timeout);
        var items = new List<StreamItem<string>>();

        await using var reader = SubscriptionFeed.ReadAsync(log, StreamPosition.None, () => snapshot, cts.Token).GetAsyncEnumerator(cts.Token);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout));
            items.Add(reader.Current);
        }

        var next = reader.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        log.Append("event 4");
        Assert.True(await next.WaitAsync(Timeout));
        items.Add(reader.Current);

        Assert.IsType<SnapshotBegin<string>>(items[0]);
        Assert.Equal("new subscriber", ((SnapshotBegin<string>)items[0]).Reason);
        Assert.Equal(["state a", "state b"], items.OfType<SnapshotItem<string>>().Select(i => i.Item));
        Assert.Equal(new StreamPosition("e1", 3), Assert.IsType<SnapshotEnd<string>>(items[3]).Position);
        var live = Assert.IsType<LiveEvent<string>>(items[4]);
        Assert.Equal(("event 4", 4L), (live.Item, live.Position.Sequence));
    }

    [Fact]
    public async Task ReadAsync_FallingBehindRetention_GetsAFreshSnapshot()
    {
        var log = LogWith(capacity: 4, events: 2);
        var snapshots = 0;
        Snapshot<string> Take() => new([$"snapshot {++snapshots}"], new StreamPosition("e1", log.Head));
        using var cts = new CancellationTokenSource(Timeout);

        await using var reader = SubscriptionFeed.ReadAsync(log, new StreamPosition("e1", 1), Take, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal("event 2", Assert.IsType<LiveEvent<string>>(reader.Current).Item);

        for (var i = 3; i <= 20; i++) log.Append($"event {i}");
        Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout));

        var begin = Assert.IsType<SnapshotBegin<string>>(reader.Current);
        Assert.Contains("fell behind", begin.Reason, StringComparison.Ordinal);
        Assert.Equal(1, snapshots);
    }

    [Fact]
    public async Task ReadBatchesAsync_SnapshotInSlices_ThenWhatTheLogHoldsAtOnce()
    {
        var items = Enumerable.Range(1, SubscriptionFeed.BatchSize + 10).Select(i => $"state {i}").ToList();
        var log = LogWith(capacity: 2_000, events: 3);
        var snapshot = new Snapshot<string>(items, new StreamPosition("e1", 3));
        using var cts = new CancellationTokenSource(Timeout);

        await using var reader = SubscriptionFeed.ReadBatchesAsync(log, StreamPosition.None, () => snapshot, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout));
        var first = reader.Current.ToList();
        Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout));
        var second = reader.Current.ToList();

        Assert.Equal(SubscriptionFeed.BatchSize, first.Count);
        Assert.IsType<SnapshotBegin<string>>(first[0]);
        Assert.Equal(12, second.Count);
        Assert.Equal(new StreamPosition("e1", 3), Assert.IsType<SnapshotEnd<string>>(second[^1]).Position);
        Assert.Equal(items, first.Concat(second).OfType<SnapshotItem<string>>().Select(i => i.Item));

        var next = reader.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        for (var i = 4; i <= 4 + SubscriptionFeed.BatchSize; i++) log.Append($"event {i}");
        Assert.True(await next.WaitAsync(Timeout));
        var live = reader.Current.Cast<LiveEvent<string>>().ToList();
        Assert.Equal(4L, live[0].Position.Sequence);
        Assert.True(live.Count is > 0 and <= SubscriptionFeed.BatchSize);
        Assert.True(await reader.MoveNextAsync().AsTask().WaitAsync(Timeout));
        Assert.Equal(4L + SubscriptionFeed.BatchSize, reader.Current.Cast<LiveEvent<string>>().Last().Position.Sequence);
    }
}
