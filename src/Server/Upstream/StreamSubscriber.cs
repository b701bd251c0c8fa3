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
/// read is counted and skipped, never fatal.
/// </summary>
public abstract partial class StreamSubscriber<TMessage, TItem>(
    UpstreamFeed stream,
    UpstreamChannel channel,
    DashboardModel model,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    public StreamPosition Position { get; private set; } = StreamPosition.None;

    protected DashboardModel Model => model;

    protected abstract AsyncServerStreamingCall<TMessage> Open(Wire.Scheduler.SchedulerClient client, Wire.SubscribeRequest request, CancellationToken cancellationToken);

    protected abstract StreamItem<TItem> Map(TMessage message);

    protected abstract void Replace(IReadOnlyList<TItem> snapshot);

    protected abstract void Apply(TItem item);

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
                await ReadAsync(call.ResponseStream, backoff, stoppingToken);
                model.StreamFailed(stream, "the upstream ended the stream");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
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

    private async Task ReadAsync(IAsyncStreamReader<TMessage> responses, ReconnectBackoff backoff, CancellationToken cancellationToken)
    {
        List<TItem>? snapshot = null;
        while (await responses.MoveNext(cancellationToken))
        {
            StreamItem<TItem> item;
            try
            {
                item = Map(responses.Current);
            }
            catch (ContractDataException ex)
            {
                // Unreadable: counted and shown, and the stream goes on.
                model.CountBadMessage(stream, ex.Message);
                continue;
            }

            switch (item)
            {
                case SnapshotBegin<TItem> begin:
                    snapshot = new List<TItem>(Math.Min(begin.ItemCount, 1_000_000));
                    break;
                case SnapshotItem<TItem> snapshotItem when snapshot is not null:
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
                case LiveEvent<TItem> live:
                    ApplyLive(live);
                    Position = live.Position;
                    backoff.Reset();
                    break;
            }
        }
    }

    /// <summary>A live event the model cannot fold is counted and skipped, never retried forever.</summary>
    private void ApplyLive(LiveEvent<TItem> live)
    {
        try
        {
            Apply(live.Item);
        }
#pragma warning disable CA1031 // One event must not stall the stream in a reconnect loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFoldFailed(logger, ex, stream);
            model.CountBadMessage(stream, $"could not apply {live.Position}: {ex.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An upstream {Stream} message could not be applied; skipped")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception, UpstreamFeed stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Stream} stream failed; reconnecting")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, UpstreamFeed stream);
}
