using Grpc.Core;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Streams;

namespace Rollout.Server.Upstream;

public abstract partial class StreamSubscriber<TMessage, TItem>
{
    /// <summary>An announced item count is only a hint: never reserve more than this up front.</summary>
    private const int MaxReservedItems = 1_000_000;

    /// <summary>Live events folded under one lock at most: a flood still reaches browsers in steps.</summary>
    private const int MaxBatch = 256;

    private readonly LogThrottle _rejectedLog = new(LogEvery);
    private readonly LogThrottle _skippedLog = new(LogEvery);
    private long _rejectedTotal;
    private long _skippedTotal;
    private long _snapshotTotal;

    /// <summary>Refused events not yet reported to the model, and the latest one's reason.</summary>
    private long _rejectedPending;
    private string _rejectedDetail = string.Empty;

    /// <summary>
    /// Reads until the stream ends or must be given up; returns why. Live events that are already
    /// buffered are gathered and folded as one batch when the stream has nothing more at hand (or the
    /// batch is full), so a flood pays for the model's lock and notification once per batch, not per
    /// event. Anything but a live event folds what is pending first, so order is kept.
    /// </summary>
    private async Task<string> ReadAsync(IAsyncStreamReader<TMessage> responses, IdleWatchdog watchdog, CancellationToken cancellationToken)
    {
        var maxItems = maxSnapshotItems();
        var maxBytes = maxSnapshotBytes();
        List<TItem>? snapshot = null;
        var reason = string.Empty;
        long snapshotBytes = 0;
        var pending = new LiveBatch<TItem>(MaxBatch);
        try
        {
            while (true)
            {
                var next = responses.MoveNext(cancellationToken);
                if (!next.IsCompleted || pending.Count == MaxBatch) Flush(pending);
                if (!await next) break;
                watchdog.Touch();

                var message = responses.Current;
                if (BatchCount(message) is var count and > 0)
                {
                    ReadBatch(message, count, pending);
                    continue;
                }

                StreamItem<TItem> item;
                try
                {
                    item = Map(message);
                }
                catch (ContractDataException ex)
                {
                    // Unreadable: counted and shown, and the stream goes on.
                    Flush(pending);
                    Skipped(ex.Message, null);
                    continue;
                }

                if (item is LiveEvent<TItem> live)
                {
                    Admit(pending, live);
                    continue;
                }

                Flush(pending);
                switch (item)
                {
                    case SnapshotBegin<TItem> begin when begin.ItemCount > maxItems:
                        return Oversized($"snapshot announced {begin.ItemCount} items, more than the {maxItems} allowed");
                    case SnapshotBegin<TItem> begin:
                        snapshot = new List<TItem>(Math.Min(begin.ItemCount, MaxReservedItems));
                        snapshotBytes = 0;
                        reason = begin.Reason;
                        break;
                    case SnapshotItem<TItem> snapshotItem when snapshot is not null:
                        if (snapshot.Count == maxItems) return Oversized($"snapshot exceeded {maxItems} items");
                        snapshotBytes += message.CalculateSize();
                        if (snapshotBytes > maxBytes) return Oversized($"snapshot exceeded {maxBytes} bytes");
                        snapshot.Add(snapshotItem.Item);
                        break;
                    case SnapshotItem<TItem>:
                        Skipped("snapshot item outside a snapshot", null);
                        break;
                    case SnapshotEnd<TItem> when snapshot is null:
                        // Without its beginning the snapshot is incomplete: never replace state with it.
                        throw new InvalidDataException("a snapshot ended that never readably began; resubscribing");
                    case SnapshotEnd<TItem> end:
                        ApplySnapshot(snapshot, end.Position, reason); // a failure here ends the stream: the position stays, so the snapshot comes again
                        snapshot = null;
                        break;
                }
            }
        }
        finally
        {
            // Events received before the stream broke are folded too: nothing that arrived is dropped.
            Flush(pending);
            FlushLogs(force: true);
        }

        return "the upstream ended the stream";
    }

    /// <summary>
    /// A batch message's events, each as if it had come alone: an unreadable one is skipped and counted,
    /// every other one passes the position gate, and the fold still takes at most <see cref="MaxBatch"/> at once.
    /// </summary>
    private void ReadBatch(TMessage message, int count, LiveBatch<TItem> pending)
    {
        for (var i = 0; i < count; i++)
        {
            LiveEvent<TItem> live;
            try
            {
                live = MapBatched(message, i);
            }
            catch (ContractDataException ex)
            {
                Flush(pending);
                Skipped(ex.Message, null);
                continue;
            }

            if (pending.Count == MaxBatch) Flush(pending);
            Admit(pending, live);
        }
    }

    /// <summary>A live event joins the batch only if its position moves forward from the latest one accepted.</summary>
    private void Admit(LiveBatch<TItem> pending, LiveEvent<TItem> live)
    {
        var held = pending.Count > 0 ? pending.Positions[^1] : Position;
        var verdict = PositionGate.Judge(held, live.Position);
        if (verdict == EventVerdict.Accept)
        {
            pending.Add(live);
            return;
        }

        _rejectedPending++;
        _rejectedDetail = PositionGate.Describe(verdict, held, live.Position);
    }

    private void ApplySnapshot(List<TItem> snapshot, StreamPosition at, string reason)
    {
        _snapshotTotal++;
        var verdict = PositionGate.JudgeSnapshot(Position, at);
        if (verdict == SnapshotVerdict.Behind)
        {
            var detail = $"snapshot at {at} refused: behind the position held ({Position})";
            _rejectedTotal++;
            LogSnapshotRefused(logger, stream, at, reason, Position, _snapshotTotal, _rejectedTotal);
            model.SnapshotRefused(stream, detail);
            return;
        }

        if (verdict == SnapshotVerdict.NewEpoch) Replace(snapshot);
        else Resync(snapshot);
        var from = Position;
        Position = at;
        LogSnapshot(logger, stream, at, snapshot.Count, reason,
            verdict == SnapshotVerdict.NewEpoch ? "replaced the state (new epoch; browsers reload)" : "merged (same epoch; browsers get what changed)",
            from, _snapshotTotal);
    }

    /// <summary>
    /// One bad message for the whole snapshot, which is dropped unapplied: the position stays, so
    /// the stream resubscribes from what the model still holds.
    /// </summary>
    private string Oversized(string why)
    {
        Skipped(why, null);
        return $"{why}; resubscribing";
    }

    /// <summary>Folds the pending live events (one the model cannot fold is counted and skipped, never retried forever) and reports refused ones.</summary>
    private void Flush(LiveBatch<TItem> pending)
    {
        if (_rejectedLog.Held > 0 || _skippedLog.Held > 0) FlushLogs(force: false);
        if (_rejectedPending > 0)
        {
            // Logged before browsers hear of it: whoever sees the count finds the line.
            _rejectedTotal += _rejectedPending;
            if (_rejectedLog.Admit(time.GetUtcNow(), out var held))
                LogRejected(logger, stream, _rejectedPending, _rejectedDetail, _rejectedTotal, held);
            model.CountRejected(stream, _rejectedDetail, _rejectedPending);
            _rejectedPending = 0;
        }

        if (pending.Count == 0) return;
        try
        {
            foreach (var failure in Apply(pending.Items))
            {
                Skipped($"could not apply {pending.Positions[failure.Index]}: {failure.Error.Message}", failure.Error);
            }

            Position = pending.Positions[^1];
        }
        finally
        {
            pending.Clear();
        }
    }

    /// <summary>A message skipped: counted and shown; logged unless a line went out lately.</summary>
    private void Skipped(string detail, Exception? error)
    {
        _skippedTotal++;
        if (_skippedLog.Admit(time.GetUtcNow(), out var held))
        {
            if (error is null) LogSkipped(logger, stream, detail, _skippedTotal, held);
            else LogFoldFailed(logger, error, stream, detail, _skippedTotal, held);
        }

        model.CountBadMessage(stream, detail);
    }

    /// <summary>Says how many lines were held back, once the interval has passed (or at the end of a stream).</summary>
    private void FlushLogs(bool force)
    {
        var now = time.GetUtcNow();
        if (_rejectedLog.Flush(now, out var rejected, force)) LogRejectedHeld(logger, stream, rejected, _rejectedTotal);
        if (_skippedLog.Flush(now, out var skipped, force)) LogSkippedHeld(logger, stream, skipped, _skippedTotal);
    }
}
