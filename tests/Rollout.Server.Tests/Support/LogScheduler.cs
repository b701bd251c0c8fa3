using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Emulator.Events;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// An upstream that holds the true event log of both streams and serves it by the contract (resume
/// from a position, else a snapshot of everything it holds, then live), with faults a test injects:
/// <see cref="Cut"/> ends every open stream, <see cref="Restart"/> starts a new epoch holding only
/// what the test keeps. For checking the dashboard against the truth.
/// </summary>
internal sealed class LogScheduler : Wire.Scheduler.SchedulerBase, IAsyncDisposable
{
    private readonly Lock _gate = new();
    private WebApplication? _app;
    private Generation _current = new("e0", [], []);
    private CancellationTokenSource _streams = new();
    private int _epochs;

    public Uri Address { get; private set; } = default!;

    public string Epoch
    {
        get
        {
            lock (_gate) return _current.Epoch;
        }
    }

    /// <summary>The true status events of the current epoch, in order.</summary>
    public IReadOnlyList<TaskStatusUpdate> StatusTruth
    {
        get
        {
            lock (_gate) return [.. _current.Status];
        }
    }

    /// <summary>The true updater events of the current epoch, in order.</summary>
    public IReadOnlyList<UpdaterEvent> UpdaterTruth
    {
        get
        {
            lock (_gate) return [.. _current.Updater];
        }
    }

    public (long Status, long Updater) Heads
    {
        get
        {
            lock (_gate) return (_current.StatusLog.Head, _current.UpdaterLog.Head);
        }
    }

    public async Task StartAsync()
    {
        (_app, Address) = await LoopbackGrpc.StartAsync(this);
    }

    public void Append(TaskStatusUpdate update)
    {
        lock (_gate)
        {
            _current.Status.Add(update);
            _current.StatusLog.Append(update);
        }
    }

    public void Append(UpdaterEvent e)
    {
        lock (_gate)
        {
            _current.Updater.Add(e);
            _current.UpdaterLog.Append(e);
        }
    }

    /// <summary>Ends every open stream, as a network cut does; subscribers resume from what they hold.</summary>
    public void Cut()
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            old = _streams;
            _streams = new CancellationTokenSource();
        }

        old.Cancel();
        old.Dispose();
    }

    /// <summary>A restarted upstream: a new epoch whose log holds only the events kept; open streams end.</summary>
    public void Restart(Func<TaskStatusUpdate, bool> keepStatus, Func<UpdaterEvent, bool> keepUpdater)
    {
        lock (_gate)
        {
            var epoch = $"e{++_epochs}";
            var next = new Generation(epoch, [.. _current.Status.Where(keepStatus)], [.. _current.Updater.Where(keepUpdater)]);
            foreach (var s in next.Status) next.StatusLog.Append(s);
            foreach (var u in next.Updater) next.UpdaterLog.Append(u);
            _current = next;
        }

        Cut();
    }

    public override Task SubscribeStatusUpdates(Wire.SubscribeRequest request, IServerStreamWriter<Wire.StatusStreamMessage> responseStream, ServerCallContext context) =>
        Serve(request, g => g.StatusLog, g => g.Status, i => i.ToProto(), responseStream, context);

    public override Task SubscribeUpdaterEvents(Wire.SubscribeRequest request, IServerStreamWriter<Wire.UpdaterStreamMessage> responseStream, ServerCallContext context) =>
        Serve(request, g => g.UpdaterLog, g => g.Updater, i => i.ToProto(), responseStream, context);

    private async Task Serve<T, TMessage>(
        Wire.SubscribeRequest request,
        Func<Generation, EventLog<T>> logOf,
        Func<Generation, List<T>> truthOf,
        Func<StreamItem<T>, TMessage> map,
        IServerStreamWriter<TMessage> responseStream,
        ServerCallContext context)
    {
        Generation generation;
        CancellationToken cut;
        lock (_gate)
        {
            generation = _current;
            cut = _streams.Token;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, cut);
        var from = request.ResumeFrom is null ? StreamPosition.None : request.ResumeFrom.ToDomain();
        var log = logOf(generation);
        Snapshot<T> Snapshot()
        {
            lock (_gate) return new Snapshot<T>([.. truthOf(generation)], new StreamPosition(log.Epoch, log.Head));
        }

        try
        {
            await context.WriteResponseHeadersAsync([]);
            await foreach (var item in SubscriptionFeed.ReadAsync(log, from, Snapshot, done.Token))
            {
                await responseStream.WriteAsync(map(item), done.Token);
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // Cut, restarted or the subscriber left: the stream ends.
        }
    }

    public async ValueTask DisposeAsync()
    {
        Cut();
        if (_app is not null) await _app.DisposeAsync();
    }

    private sealed class Generation(string epoch, List<TaskStatusUpdate> status, List<UpdaterEvent> updater)
    {
        public string Epoch { get; } = epoch;

        public List<TaskStatusUpdate> Status { get; } = status;

        public List<UpdaterEvent> Updater { get; } = updater;

        public EventLog<TaskStatusUpdate> StatusLog { get; } = new(epoch, 1_000_000);

        public EventLog<UpdaterEvent> UpdaterLog { get; } = new(epoch, 1_000_000);
    }
}
