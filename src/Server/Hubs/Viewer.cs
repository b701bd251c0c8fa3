using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Rollout.Domain.Dashboard;

namespace Rollout.Server.Hubs;

/// <summary>
/// One browser connection and the view it watches, with its own bounded outbox and sender. A viewer
/// that cannot keep up loses its queued deltas and is told to take a fresh snapshot; one whose sends
/// stay stuck is disconnected. Either way it never delays another viewer.
/// </summary>
internal sealed partial class Viewer : IAsyncDisposable
{
    private readonly Func<SerializedHubMessage, CancellationToken, ValueTask> _write;
    private readonly Action _abort;
    private readonly Channel<SerializedHubMessage> _outbox;
    private readonly TimeSpan _stuckAfter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;
    private int _resyncPending;

    /// <param name="write">Sends one message to the browser; may wait while the browser does not read.</param>
    /// <param name="abort">Drops the connection.</param>
    public Viewer(
        string connectionId,
        Func<SerializedHubMessage, CancellationToken, ValueTask> write,
        Action abort,
        int capacity,
        TimeSpan stuckAfter,
        TimeProvider time,
        ILogger logger)
    {
        ConnectionId = connectionId;
        _write = write;
        _abort = abort;
        _stuckAfter = stuckAfter;
        _time = time;
        _logger = logger;
        _outbox = Channel.CreateBounded<SerializedHubMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = false, // Enqueue drains a full outbox while the sender reads
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: we decide what to drop
        });
        _sender = Task.Run(SendLoopAsync);
    }

    public string ConnectionId { get; }

    /// <summary>The view watched; null until the browser subscribes.</summary>
    public string? View { get; set; }

    /// <summary>How often this viewer fell behind and was told to resnapshot.</summary>
    public int Resyncs { get; private set; }

    public bool Behind => Volatile.Read(ref _resyncPending) == 1;

    /// <summary>Messages waiting to be sent.</summary>
    public int Queued => _outbox.Reader.Count;

    /// <summary>Never blocks: a full outbox is emptied and replaced by one "resync" message.</summary>
    public void Enqueue(SerializedHubMessage message)
    {
        if (Behind || _outbox.Writer.TryWrite(message)) return;
        if (Interlocked.Exchange(ref _resyncPending, 1) == 1) return;
        Resyncs++;
        while (_outbox.Reader.TryRead(out _))
        {
        }

        _outbox.Writer.TryWrite(ResyncMessage);
        LogBehind(_logger, ConnectionId, View);
    }

    private static readonly SerializedHubMessage ResyncMessage = new(
        new InvocationMessage(nameof(IDashboardClient.Resync), ["this browser fell behind; its pending updates were replaced by a fresh snapshot"]));

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var message in _outbox.Reader.ReadAllAsync(_stop.Token))
            {
                // The resync message itself clears the flag once sent: deltas after it are wanted again.
                if (ReferenceEquals(message, ResyncMessage)) Volatile.Write(ref _resyncPending, 0);
                using var stuck = new CancellationTokenSource(_stuckAfter, _time);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(stuck.Token, _stop.Token);
                try
                {
                    await _write(message, either.Token);
                }
                catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
                {
                    LogStuck(_logger, ConnectionId, _stuckAfter.TotalSeconds);
                    _abort();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A broken connection ends its own sender, nothing else.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSendFailed(_logger, ex, ConnectionId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        await _stop.CancelAsync();
        await _sender.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Viewer {ConnectionId} of {View} fell behind: pending deltas dropped, told to resnapshot")]
    private static partial void LogBehind(ILogger logger, string connectionId, string? view);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Viewer {ConnectionId} read nothing for {Seconds} s: disconnected")]
    private static partial void LogStuck(ILogger logger, string connectionId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending to viewer {ConnectionId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string connectionId);
}
