using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Rollout.Domain.Dashboard;

namespace Rollout.Server.Hubs;

/// <summary>
/// One browser connection and the view it watches, with its own bounded outbox, drained by a thread
/// pool work item while writes complete at once and by a continuation when one has to wait. A viewer that cannot keep up loses its queued deltas and is told to take a fresh
/// snapshot; one whose send stays stuck is disconnected by <see cref="CheckStuck"/>. Either way it
/// never delays another viewer.
/// </summary>
internal sealed partial class Viewer : IThreadPoolWorkItem, IAsyncDisposable
{
    private static readonly SerializedHubMessage ResyncMessage = new(
        new InvocationMessage(nameof(IDashboardClient.Resync), ["this browser fell behind; its pending updates were replaced by a fresh snapshot"]));

    private readonly Func<SerializedHubMessage, CancellationToken, ValueTask> _write;
    private readonly Action _abort;
    private readonly int _capacity;
    private readonly TimeSpan _stuckAfter;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly Queue<SerializedHubMessage> _outbox = new();
    private Task _sender = Task.CompletedTask;
    private bool _sending;
    private bool _resyncPending;
    private bool _closed;
    private int _resyncs;

    /// <summary>When the pending write started (<see cref="TimeProvider.GetTimestamp"/>); 0 while none is pending.</summary>
    private long _waitingSince;

    private int _aborted;

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
        _capacity = capacity;
        _stuckAfter = stuckAfter;
        _time = time;
        _logger = logger;
    }

    public string ConnectionId { get; }

    /// <summary>The view watched; null until the browser subscribes.</summary>
    public string? View { get; set; }

    /// <summary>How often this viewer fell behind and was told to resnapshot.</summary>
    public int Resyncs => Volatile.Read(ref _resyncs);

    public bool Behind
    {
        get
        {
            lock (_gate) return _resyncPending;
        }
    }

    /// <summary>Messages waiting to be sent.</summary>
    public int Queued
    {
        get
        {
            lock (_gate) return _outbox.Count;
        }
    }

    /// <summary>
    /// Never waits for the browser: the message is queued and an idle viewer's sending is handed to the
    /// thread pool; a full outbox is emptied and replaced by one "resync" message.
    /// </summary>
    public void Enqueue(SerializedHubMessage message)
    {
        lock (_gate)
        {
            if (_closed || _resyncPending) return;
            if (_outbox.Count < _capacity)
            {
                _outbox.Enqueue(message);
            }
            else
            {
                _resyncPending = true;
                _resyncs++;
                _outbox.Clear();
                _outbox.Enqueue(ResyncMessage);
                LogBehind(_logger, ConnectionId, View);
            }

            if (_sending) return;
            _sending = true;
        }

        // One work item per idle viewer, queued locally: the broadcaster's thread picks them up as soon as it is done routing, the other cores steal.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    void IThreadPoolWorkItem.Execute()
    {
        if (TryTakeNext(out var message)) SendFrom(message);
    }

    /// <summary>Called periodically: disconnects the viewer if one write has been waiting for too long.</summary>
    public void CheckStuck()
    {
        var since = Volatile.Read(ref _waitingSince);
        if (since == 0 || _time.GetElapsedTime(since) < _stuckAfter) return;
        if (Interlocked.Exchange(ref _aborted, 1) == 1) return;
        LogStuck(_logger, ConnectionId, _stuckAfter.TotalSeconds);
        Stopped();
        _abort();
    }

    /// <summary>Writes <paramref name="message"/> and then whatever queued meanwhile, on this thread while writes complete at once.</summary>
    private void SendFrom(SerializedHubMessage message)
    {
        var next = message;
        while (true)
        {
            ValueTask write;
            try
            {
                // Stamped before the write starts: the watchdog measures from then, not from when we noticed it waits.
                Volatile.Write(ref _waitingSince, _time.GetTimestamp());
                write = _write(next, _stop.Token);
            }
#pragma warning disable CA1031 // A broken connection ends its own sending, nothing else.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Failed(ex);
                return;
            }

            if (!write.IsCompleted)
            {
                _sender = AwaitThenSendAsync(write);
                return;
            }

            Volatile.Write(ref _waitingSince, 0);

            if (!Completed(write) || !TryTakeNext(out next)) return;
        }
    }

    private async Task AwaitThenSendAsync(ValueTask write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Stopped();
            return;
        }
#pragma warning disable CA1031 // A broken connection ends its own sending, nothing else.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(ex);
            return;
        }

        Volatile.Write(ref _waitingSince, 0);
        if (TryTakeNext(out var next)) SendFrom(next);
    }

    /// <summary>Observes a write that finished synchronously; false if it failed.</summary>
    private bool Completed(ValueTask write)
    {
        try
        {
            write.GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            Stopped();
            return false;
        }
#pragma warning disable CA1031 // A broken connection ends its own sending, nothing else.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Failed(ex);
            return false;
        }
    }

    /// <summary>The next queued message, or false (and the connection idle again) when there is none.</summary>
    private bool TryTakeNext(out SerializedHubMessage next)
    {
        lock (_gate)
        {
            if (!_closed && _outbox.TryDequeue(out next!))
            {
                // The resync message itself clears the flag once taken: deltas after it are wanted again.
                if (ReferenceEquals(next, ResyncMessage)) _resyncPending = false;
                return true;
            }

            next = null!;
            _sending = false;
            return false;
        }
    }

    private void Failed(Exception ex)
    {
        if (!_stop.IsCancellationRequested) LogSendFailed(_logger, ex, ConnectionId);
        Stopped();
    }

    /// <summary>Nothing more is sent on this connection.</summary>
    private void Stopped()
    {
        Volatile.Write(ref _waitingSince, 0);
        lock (_gate)
        {
            _closed = true;
            _outbox.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _closed = true;
            _outbox.Clear();
        }

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
