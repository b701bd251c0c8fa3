using System.Runtime.CompilerServices;
using Rollout.Domain.Streams;

namespace Rollout.Emulator.Events;

/// <summary>A consistent picture of current state as events, and the log position it reflects.</summary>
public sealed record Snapshot<T>(IReadOnlyList<T> Items, StreamPosition Position);

/// <summary>
/// Serves one subscriber: resumes from its position when the log still holds everything after it,
/// otherwise opens with a snapshot; then follows the log live. Falling behind the retained window
/// mid-stream yields a fresh snapshot, so nothing is lost silently.
/// </summary>
public static class SubscriptionFeed
{
    public const int BatchSize = 512;

    public static async IAsyncEnumerable<StreamItem<T>> ReadAsync<T>(
        EventLog<T> log,
        StreamPosition from,
        Func<Snapshot<T>> takeSnapshot,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long cursor;
        var reason = WhySnapshot(log, from);
        if (reason is null)
        {
            cursor = from.Sequence;
        }
        else
        {
            var snapshot = takeSnapshot();
            foreach (var item in AsItems(snapshot, reason)) yield return item;
            cursor = snapshot.Position.Sequence;
        }

        var batch = new List<LiveEvent<T>>(BatchSize);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (log.ReadAfter(cursor, BatchSize, batch) == ReadResult.Gap)
            {
                var snapshot = takeSnapshot();
                foreach (var item in AsItems(snapshot, "subscriber fell behind the retained log")) yield return item;
                cursor = snapshot.Position.Sequence;
                continue;
            }

            foreach (var live in batch)
            {
                yield return live;
                cursor = live.Position.Sequence;
            }

            if (batch.Count == 0) await log.WaitForEventAfterAsync(cursor, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Null when the subscriber can resume; otherwise why it gets a snapshot.</summary>
    public static string? WhySnapshot<T>(EventLog<T> log, StreamPosition from)
    {
        if (string.IsNullOrEmpty(from.Epoch)) return "new subscriber";
        if (from.Epoch != log.Epoch) return $"epoch {from.Epoch} is not the current epoch {log.Epoch}";
        if (from.Sequence > log.Head) return $"sequence {from.Sequence} is ahead of the log ({log.Head})";
        if (!log.CanResumeAfter(from.Sequence)) return $"sequence {from.Sequence} is no longer retained (oldest {log.Oldest})";
        return null;
    }

    private static IEnumerable<StreamItem<T>> AsItems<T>(Snapshot<T> snapshot, string reason)
    {
        yield return new SnapshotBegin<T>(snapshot.Position, snapshot.Items.Count, reason);
        foreach (var item in snapshot.Items) yield return new SnapshotItem<T>(item);
        yield return new SnapshotEnd<T>(snapshot.Position);
    }
}
