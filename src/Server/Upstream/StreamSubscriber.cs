using Google.Protobuf;
using Grpc.Core;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Streams;
using Rollout.Server.ReadModel;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Upstream;

/// <summary>
/// One long-lived upstream stream with its own reconnect loop (list then watch, as Kubernetes'
/// reflector): resumes from the last position held, applies a snapshot of a new epoch as a
/// replacement and one of the epoch held as a merge, refuses live events whose position does not
/// move forward (<see cref="PositionGate"/>), and backs off (capped, jittered) on failure; only a
/// connection that held for a while starts the delays over (<see cref="ReconnectBackoff"/>). A
/// stream that ends, at once or later, counts as a failure. A message that cannot be read is counted
/// and skipped, never fatal. A snapshot past <paramref name="maxSnapshotItems"/> items or
/// <paramref name="maxSnapshotBytes"/> wire bytes is one bad message: it is dropped, state stays as
/// it was, and the stream resubscribes rather than buffer without bound.
/// <para>
/// A dead peer is found by HTTP/2 keepalive pings (<see cref="UpstreamChannel"/>). Above the
/// transport, a stream silent for <paramref name="staleAfter"/> is resubscribed from its position
/// to check the scheduler still answers, and a call whose response headers do not come within that
/// time is given up: the data is then shown as stale (reconnecting), however the link died.
/// </para>
/// </summary>
/// <param name="maxSnapshotItems">Read lazily, like the other limits: options are validated at start, after this is built.</param>
public abstract partial class StreamSubscriber<TMessage, TItem>(
    UpstreamFeed stream,
    UpstreamChannel channel,
    DashboardModel model,
    TimeProvider time,
    ILogger logger,
    Func<int> maxSnapshotItems,
    Func<long> maxSnapshotBytes,
    Func<TimeSpan> staleAfter) : BackgroundService
    where TMessage : IMessage
{
    /// <summary>Refused events, skipped messages and failed attempts are logged at most this often; the lines between are counted.</summary>
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(30);

    private readonly LogThrottle _failureLog = new(LogEvery);
    private long _failures;
    private long _reconnects;

    public StreamPosition Position { get; private set; } = StreamPosition.None;

    protected DashboardModel Model => model;

    protected abstract AsyncServerStreamingCall<TMessage> Open(Wire.Scheduler.SchedulerClient client, Wire.SubscribeRequest request, CancellationToken cancellationToken);

    protected abstract StreamItem<TItem> Map(TMessage message);

    /// <summary>The live events a batch message carries (none for any other message), each read on its own.</summary>
    protected abstract int BatchCount(TMessage message);

    /// <summary>The batch message's event at <paramref name="index"/>.</summary>
    protected abstract LiveEvent<TItem> MapBatched(TMessage message, int index);

    /// <summary>A snapshot of a new upstream epoch: replaces the stream's state.</summary>
    protected abstract void Replace(IReadOnlyList<TItem> snapshot);

    /// <summary>A snapshot of the upstream epoch already held: merged, so only what differs changes.</summary>
    protected abstract void Resync(IReadOnlyList<TItem> snapshot);

    /// <summary>Folds live events that arrived together, in order; returns those the model could not take.</summary>
    protected abstract IReadOnlyList<FoldFailure> Apply(IReadOnlyList<TItem> batch);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(ReconnectBackoff.DefaultInitial, ReconnectBackoff.DefaultMax, new Random(), ReconnectBackoff.DefaultResetAfter);
        var checking = false;
        var session = new Session(time);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!checking) session = new Session(time); // a check after silence goes on the same connection's account
            string error;
            try
            {
                var ended = await RunAsync(session, checking, backoff.Failures, stoppingToken);
                if (ended is null)
                {
                    // Silent for too long: resubscribe at once. The next call must answer, or the data turns stale.
                    checking = true;
                    var silence = staleAfter();
                    LogSilent(logger, stream, silence, Position);
                    continue;
                }

                error = ended;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (TimeoutException)
            {
                error = $"no answer from the upstream within {staleAfter().TotalSeconds:0} s (Upstream:StaleAfterSeconds)";
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                // Not a network blip: retried with backoff, but the banner says what to fix.
                error = $"the upstream refused the dashboard's key ({ex.StatusCode}: {ex.Status.Detail}); check Upstream:ApiKey";
            }
            catch (RpcException ex)
            {
                error = $"{ex.StatusCode}: {ex.Status.Detail}";
            }
#pragma warning disable CA1031 // The loop must outlive any failure; it is reported and retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogStreamError(logger, ex, stream);
                error = ex.Message;
            }

            checking = false;
            var delay = backoff.AfterFailure(session.ConnectedFor);
            var wait = Task.Delay(delay, time, stoppingToken); // scheduled before it is logged, so a test clock can follow the log
            _failures++;
            LogRetry(logger, stream, (long)delay.TotalMilliseconds);
            if (_failureLog.Admit(time.GetUtcNow(), out var held))
                LogStreamFailed(logger, stream, error, (long)delay.TotalMilliseconds, backoff.Failures, _failures, held);
            model.StreamFailed(stream, error); // after the line: whoever sees the outage finds it logged

            try
            {
                await wait;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One call: connect, then read until it ends. Null when the idle watchdog cut a silent stream.</summary>
    private async Task<string?> RunAsync(Session session, bool checking, int failedAttempts, CancellationToken stoppingToken)
    {
        var client = await channel.GetClientAsync(stoppingToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var call = Open(client, new Wire.SubscribeRequest { ResumeFrom = Position.ToProto(), BatchedEvents = true }, cancel.Token);
        var limit = staleAfter();
        await call.ResponseHeadersAsync.WaitAsync(limit, time, stoppingToken);
        if (!checking)
        {
            session.Connected();
            if (_failures > 0)
            {
                _reconnects++;
                _failureLog.Flush(time.GetUtcNow(), out _, force: true); // the line below counts the attempts
                LogReconnected(logger, stream, failedAttempts, _reconnects, Position);
            }

            model.StreamConnected(stream);
        }

        using var watchdog = new IdleWatchdog(time, limit, cancel);
        try
        {
            return await ReadAsync(call.ResponseStream, watchdog, cancel.Token);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException && watchdog.Fired && !stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>When the current call got its response headers, on the injected clock.</summary>
    private sealed class Session(TimeProvider time)
    {
        private long? _connectedAt;

        /// <summary>How long the call has been connected; null if it never was.</summary>
        public TimeSpan? ConnectedFor => _connectedAt is { } at ? time.GetElapsedTime(at) : null;

        public void Connected() => _connectedAt = time.GetTimestamp();
    }
}
