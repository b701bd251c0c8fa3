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
        await foreach (var batch in ReadBatchesAsync(log, from, takeSnapshot, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in batch) yield return item;
        }
    }

    /// <summary>
    /// The same stream a batch at a time: whatever the log holds ready (up to <see cref="BatchSize"/>
    /// events), or a slice of a snapshot. A writer can send a whole batch and flush once: the next
    /// batch may be a wait away. A batch is only valid until the next one is asked for.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<StreamItem<T>>> ReadBatchesAsync<T>(
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
            foreach (var slice in Slices(snapshot, reason)) yield return slice;
            cursor = snapshot.Position.Sequence;
        }

        var batch = new List<LiveEvent<T>>(BatchSize);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (log.ReadAfter(cursor, BatchSize, batch) == ReadResult.Gap)
            {
                var snapshot = takeSnapshot();
                foreach (var slice in Slices(snapshot, "subscriber fell behind the retained log")) yield return slice;
                cursor = snapshot.Position.Sequence;
                continue;
            }

            if (batch.Count > 0)
            {
                cursor = batch[^1].Position.Sequence;
                yield return batch;
                continue;
            }

            await log.WaitForEventAfterAsync(cursor, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The snapshot as begin, items and end, in slices of at most <see cref="BatchSize"/>.</summary>
    private static IEnumerable<IReadOnlyList<StreamItem<T>>> Slices<T>(Snapshot<T> snapshot, string reason)
    {
        var slice = new List<StreamItem<T>>(Math.Min(BatchSize, snapshot.Items.Count + 2))
        {
            new SnapshotBegin<T>(snapshot.Position, snapshot.Items.Count, reason),
        };
        foreach (var item in snapshot.Items)
        {
            if (slice.Count == BatchSize)
            {
                yield return slice;
                slice = new List<StreamItem<T>>(BatchSize);
            }

            slice.Add(new SnapshotItem<T>(item));
        }

        slice.Add(new SnapshotEnd<T>(snapshot.Position));
        yield return slice;
    }
}
