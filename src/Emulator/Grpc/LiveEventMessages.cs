using Google.Protobuf;
using Rollout.Domain.Streams;

namespace Rollout.Emulator.Grpc;

/// <summary>
/// Packs consecutive live events into batch messages for a subscriber that reads them: at most
/// <see cref="MaxEvents"/> events and about <see cref="MaxBytes"/> bytes each (a batch over the
/// budget is halved until it fits or holds one event), so one message never nears a receiver's limit.
/// </summary>
public static class LiveEventMessages
{
    public const int MaxEvents = 256;
    public const int MaxBytes = 1024 * 1024;

    public static void Pack<T, TMessage>(IReadOnlyList<LiveEvent<T>> events, Func<IEnumerable<LiveEvent<T>>, TMessage> toProtoBatch, List<TMessage> into)
        where TMessage : IMessage
    {
        for (var start = 0; start < events.Count; start += MaxEvents)
        {
            PackWithinBytes(events, start, Math.Min(MaxEvents, events.Count - start), toProtoBatch, into);
        }
    }

    private static void PackWithinBytes<T, TMessage>(
        IReadOnlyList<LiveEvent<T>> events, int start, int count, Func<IEnumerable<LiveEvent<T>>, TMessage> toProtoBatch, List<TMessage> into)
        where TMessage : IMessage
    {
        var message = toProtoBatch(Slice(events, start, count));
        if (count == 1 || message.CalculateSize() <= MaxBytes)
        {
            into.Add(message);
            return;
        }

        var half = count / 2;
        PackWithinBytes(events, start, half, toProtoBatch, into);
        PackWithinBytes(events, start + half, count - half, toProtoBatch, into);
    }

    private static IEnumerable<LiveEvent<T>> Slice<T>(IReadOnlyList<LiveEvent<T>> events, int start, int count)
    {
        for (var i = start; i < start + count; i++) yield return events[i];
    }
}
