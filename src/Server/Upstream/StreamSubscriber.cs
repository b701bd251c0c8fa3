using Google.Protobuf;
using Grpc.Core;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Streams;
using Rollout.Server.ReadModel;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Upstream;

/// <summary>
/// One long-lived upstream stream with its own reconnect loop: resumes from the last position held,
/// applies a snapshot as a replacement, backs off (capped, jittered) on failure and resets on
/// progress. A stream that ends, at once or later, counts as a failure. A message that cannot be
/// read is counted and skipped, never fatal. A snapshot past <paramref name="maxSnapshotItems"/>
/// items or <paramref name="maxSnapshotBytes"/> wire bytes is one bad message: it is dropped, state
/// stays as it was, and the stream resubscribes rather than buffer without bound.
/// </summary>
/// <param name="maxSnapshotItems">Read lazily, like the byte cap: options are validated at start, after this is built.</param>
public abstract partial class StreamSubscriber<TMessage, TItem>(
    UpstreamFeed stream,
    UpstreamChannel channel,
    DashboardModel model,
    TimeProvider time,
    ILogger logger,
    Func<int> maxSnapshotItems,
    Func<long> maxSnapshotBytes) : BackgroundService
    where TMessage : IMessage
{
    /// <summary>An announced item count is only a hint: never reserve more than this up front.</summary>
    private const int MaxReservedItems = 1_000_000;

    /// <summary>Live events folded under one lock at most: a flood still reaches browsers in steps.</summary>
    private const int MaxBatch = 256;

    public StreamPosition Position { get; private set; } = StreamPosition.None;

    protected DashboardModel Model => model;

    protected abstract AsyncServerStreamingCall<TMessage> Open(Wire.Scheduler.SchedulerClient client, Wire.SubscribeRequest request, CancellationToken cancellationToken);

    protected abstract StreamItem<TItem> Map(TMessage message);

    protected abstract void Replace(IReadOnlyList<TItem> snapshot);

    /// <summary>Folds live events that arrived together, in order; returns those the model could not take.</summary>
    protected abstract IReadOnlyList<FoldFailure> Apply(IReadOnlyList<TItem> batch);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), new Random());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var client = await channel.GetClientAsync(stoppingToken);
                using var call = Open(client, new Wire.SubscribeRequest { ResumeFrom = Position.ToProto() }, stoppingToken);
                await call.ResponseHeadersAsync;
                model.StreamConnected(stream);
                model.StreamFailed(stream, await ReadAsync(call.ResponseStream, backoff, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                // Not a network blip: retried with backoff, but the banner says what to fix.
                model.StreamFailed(stream, $"the upstream refused the dashboard's key ({ex.StatusCode}: {ex.Status.Detail}); check Upstream:ApiKey");
            }
            catch (RpcException ex)
            {
                model.StreamFailed(stream, $"{ex.StatusCode}: {ex.Status.Detail}");
            }
#pragma warning disable CA1031 // The loop must outlive any failure; it is reported and retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogStreamFailed(logger, ex, stream);
                model.StreamFailed(stream, ex.Message);
            }

            try
            {
                await Task.Delay(backoff.Next(), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Reads until the stream ends or must be given up; returns why. Live events that are already
    /// buffered are gathered and folded as one batch when the stream has nothing more at hand (or the
    /// batch is full), so a flood pays for the model's lock and notification once per batch, not per
    /// event. Anything but a live event folds what is pending first, so order is kept.
    /// </summary>
    private async Task<string> ReadAsync(IAsyncStreamReader<TMessage> responses, ReconnectBackoff backoff, CancellationToken cancellationToken)
    {
        var maxItems = maxSnapshotItems();
        var maxBytes = maxSnapshotBytes();
        List<TItem>? snapshot = null;
        long snapshotBytes = 0;
        var pending = new LiveBatch<TItem>(MaxBatch);
        try
        {
            while (true)
            {
                var next = responses.MoveNext(cancellationToken);
                if (!next.IsCompleted || pending.Count == MaxBatch) ApplyLive(pending, backoff);
                if (!await next) break;

                var message = responses.Current;
                StreamItem<TItem> item;
                try
                {
                    item = Map(message);
                }
                catch (ContractDataException ex)
                {
                    // Unreadable: counted and shown, and the stream goes on.
                    ApplyLive(pending, backoff);
                    model.CountBadMessage(stream, ex.Message);
                    continue;
                }

                if (item is LiveEvent<TItem> live)
                {
                    pending.Add(live);
                    continue;
                }

                ApplyLive(pending, backoff);
                switch (item)
                {
                    case SnapshotBegin<TItem> begin when begin.ItemCount > maxItems:
                        return Oversized($"snapshot announced {begin.ItemCount} items, more than the {maxItems} allowed");
                    case SnapshotBegin<TItem> begin:
                        snapshot = new List<TItem>(Math.Min(begin.ItemCount, MaxReservedItems));
                        snapshotBytes = 0;
                        break;
                    case SnapshotItem<TItem> snapshotItem when snapshot is not null:
                        if (snapshot.Count == maxItems) return Oversized($"snapshot exceeded {maxItems} items");
                        snapshotBytes += message.CalculateSize();
                        if (snapshotBytes > maxBytes) return Oversized($"snapshot exceeded {maxBytes} bytes");
                        snapshot.Add(snapshotItem.Item);
                        break;
                    case SnapshotItem<TItem>:
                        model.CountBadMessage(stream, "snapshot item outside a snapshot");
                        break;
                    case SnapshotEnd<TItem> when snapshot is null:
                        // Without its beginning the snapshot is incomplete: never replace state with it.
                        throw new InvalidDataException("a snapshot ended that never readably began; resubscribing");
                    case SnapshotEnd<TItem> end:
                        Replace(snapshot); // a failure here ends the stream: the position stays, so the snapshot comes again
                        snapshot = null;
                        Position = end.Position;
                        backoff.Reset();
                        break;
                }
            }
        }
        finally
        {
            // Events received before the stream broke are folded too: nothing that arrived is dropped.
            ApplyLive(pending, backoff);
        }

        return "the upstream ended the stream";
    }

    /// <summary>
    /// One bad message for the whole snapshot, which is dropped unapplied: the position stays, so
    /// the stream resubscribes from what the model still holds.
    /// </summary>
    private string Oversized(string why)
    {
        model.CountBadMessage(stream, why);
        return $"{why}; resubscribing";
    }

    /// <summary>Folds the pending live events; one the model cannot fold is counted and skipped, never retried forever.</summary>
    private void ApplyLive(LiveBatch<TItem> pending, ReconnectBackoff backoff)
    {
        if (pending.Count == 0) return;
        try
        {
            foreach (var failure in Apply(pending.Items))
            {
                LogFoldFailed(logger, failure.Error, stream);
                model.CountBadMessage(stream, $"could not apply {pending.Positions[failure.Index]}: {failure.Error.Message}");
            }

            Position = pending.Positions[^1];
            backoff.Reset();
        }
        finally
        {
            pending.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An upstream {Stream} message could not be applied; skipped")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception, UpstreamFeed stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Stream} stream failed; reconnecting")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, UpstreamFeed stream);
}
