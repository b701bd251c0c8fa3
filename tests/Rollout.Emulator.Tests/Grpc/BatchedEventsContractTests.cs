using Grpc.Core;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Emulator.Grpc;
using Rollout.Emulator.Tests.Support;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Emulator.Tests.Grpc;

/// <summary>Live events in batch messages, only for a subscriber that asks, and exactly the events a plain subscriber gets.</summary>
public class BatchedEventsContractTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task SubscribeStatus_BatchedEvents_SameEventsInFewerMessages()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout");
        server.Time.Advance(TimeSpan.FromSeconds(40));
        var head = server.Engine.StatusLog.Head;
        var from = new Wire.StreamPosition { Epoch = server.Engine.Epoch, Sequence = 0 };

        using var plainCall = server.Client.SubscribeStatusUpdates(new Wire.SubscribeRequest { ResumeFrom = from }, cancellationToken: new CancellationTokenSource(Timeout).Token);
        using var batchedCall = server.Client.SubscribeStatusUpdates(new Wire.SubscribeRequest { ResumeFrom = from, BatchedEvents = true }, cancellationToken: new CancellationTokenSource(Timeout).Token);
        var (plain, plainMessages) = await ReadEvents(plainCall.ResponseStream, head);
        var (batched, batchedMessages) = await ReadEvents(batchedCall.ResponseStream, head);

        Assert.Equal(Enumerable.Range(1, (int)head).Select(i => (long)i), batched.Select(e => e.Position.Sequence));
        Assert.Equal(plain, batched);
        Assert.Equal(head, plainMessages);
        Assert.True(batchedMessages < plainMessages, $"{batchedMessages} batch messages for {head} events");
    }

    [Fact]
    public async Task SubscribeUpdater_WithoutAsking_EveryLiveEventIsAMessageOfItsOwn()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout");
        server.Time.Advance(TimeSpan.FromSeconds(40));
        var head = server.Engine.UpdaterLog.Head;
        using var call = server.Client.SubscribeUpdaterEvents(
            new Wire.SubscribeRequest { ResumeFrom = new Wire.StreamPosition { Epoch = server.Engine.Epoch, Sequence = 0 } },
            cancellationToken: new CancellationTokenSource(Timeout).Token);

        var kinds = new List<Wire.UpdaterStreamMessage.KindOneofCase>();
        while (kinds.Count < head)
        {
            Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Timeout), "stream ended early");
            kinds.Add(call.ResponseStream.Current.KindCase);
        }

        Assert.All(kinds, k => Assert.Equal(Wire.UpdaterStreamMessage.KindOneofCase.Event, k));
    }

    [Fact]
    public void Pack_ManyEventsAndAnOversizedOne_SplitsByCountThenBytesAndKeepsOrder()
    {
        var small = Enumerable.Range(1, LiveEventMessages.MaxEvents + 10).Select(i => Event(i, "ok")).ToList();
        var huge = new string('x', LiveEventMessages.MaxBytes / 2);
        var large = new[] { Event(1, huge), Event(2, huge), Event(3, huge) };
        var packedSmall = new List<Wire.StatusStreamMessage>();
        var packedLarge = new List<Wire.StatusStreamMessage>();

        LiveEventMessages.Pack(small, StreamMapping.ToProtoBatch, packedSmall);
        LiveEventMessages.Pack(large, StreamMapping.ToProtoBatch, packedLarge);

        Assert.Equal([LiveEventMessages.MaxEvents, 10], packedSmall.Select(m => m.Events.Events.Count));
        Assert.All(packedLarge, m => Assert.True(m.CalculateSize() <= LiveEventMessages.MaxBytes || m.Events.Events.Count == 1));
        Assert.Equal([1UL, 2UL, 3UL], packedLarge.SelectMany(m => m.Events.Events).Select(e => e.Position.Sequence));
    }

    private static LiveEvent<TaskStatusUpdate> Event(int sequence, string message) => new(
        new StreamPosition("e1", sequence),
        new TaskStatusUpdate($"t{sequence}", new JobKey("r", "e", "j"), 0, TaskState.Running, message, DateTimeOffset.UnixEpoch, StatusSource.Executor, "h", null));

    private static async Task<(List<LiveEvent<TaskStatusUpdate>> Events, long Messages)> ReadEvents(IAsyncStreamReader<Wire.StatusStreamMessage> stream, long count)
    {
        var events = new List<LiveEvent<TaskStatusUpdate>>();
        long messages = 0;
        while (events.Count < count)
        {
            Assert.True(await stream.MoveNext().WaitAsync(Timeout), "stream ended early");
            messages++;
            var message = stream.Current;
            if (message.KindCase == Wire.StatusStreamMessage.KindOneofCase.Events) events.AddRange(message.Events.Events.Select(e => e.ToDomain()));
            else events.Add(message.Event.ToDomain());
        }

        return (events, messages);
    }
}
