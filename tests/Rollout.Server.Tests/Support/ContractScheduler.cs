using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// A scheduler written from rollout.proto alone: no emulator, no domain types, no mapping, only the
/// generated contract messages, so it sends exactly what an independent implementation may send
/// (enum numbers this build does not know included). It keeps one log per stream under one epoch,
/// numbers events 1, 2, 3, ..., answers a subscriber it cannot resume with a snapshot of the whole
/// log (begin, items, end) and then streams live events; a subscriber resuming at a position it holds
/// gets the events after it and no snapshot. Hosted like <see cref="ScriptedScheduler"/>: h2c on loopback.
/// </summary>
internal sealed class ContractScheduler : Wire.Scheduler.SchedulerBase, IAsyncDisposable
{
    private readonly EventLog<Wire.TaskStatusUpdate> _status = new();
    private readonly EventLog<Wire.UpdaterEvent> _updater = new();
    private WebApplication? _app;

    public string Epoch { get; } = "contract-" + Guid.NewGuid().ToString("N")[..8];

    public Uri Address { get; private set; } = default!;

    public void Publish(Wire.TaskStatusUpdate update) => _status.Append(update);

    public void Publish(Wire.UpdaterEvent e) => _updater.Append(e);

    public async Task StartAsync()
    {
        (_app, Address) = await LoopbackGrpc.StartAsync(this);
    }

    public override Task SubscribeStatusUpdates(Wire.SubscribeRequest request, IServerStreamWriter<Wire.StatusStreamMessage> responseStream, ServerCallContext context) =>
        Serve(_status, request, context, responseStream.WriteAsync,
            b => new Wire.StatusStreamMessage { SnapshotBegin = b },
            item => new Wire.StatusStreamMessage { SnapshotItem = item },
            e => new Wire.StatusStreamMessage { SnapshotEnd = e },
            (position, item) => new Wire.StatusStreamMessage { Event = new Wire.StatusEvent { Position = position, Update = item } });

    public override Task SubscribeUpdaterEvents(Wire.SubscribeRequest request, IServerStreamWriter<Wire.UpdaterStreamMessage> responseStream, ServerCallContext context) =>
        Serve(_updater, request, context, responseStream.WriteAsync,
            b => new Wire.UpdaterStreamMessage { SnapshotBegin = b },
            item => new Wire.UpdaterStreamMessage { SnapshotItem = item },
            e => new Wire.UpdaterStreamMessage { SnapshotEnd = e },
            (position, item) => new Wire.UpdaterStreamMessage { Event = new Wire.SequencedUpdaterEvent { Position = position, Event = item } });

    private async Task Serve<TItem, TMessage>(
        EventLog<TItem> log,
        Wire.SubscribeRequest request,
        ServerCallContext context,
        Func<TMessage, Task> write,
        Func<Wire.SnapshotBoundary, TMessage> begin,
        Func<TItem, TMessage> item,
        Func<Wire.SnapshotBoundary, TMessage> end,
        Func<Wire.StreamPosition, TItem, TMessage> live)
    {
        // Read before the headers: whatever is published once the subscriber sees the stream up goes out live.
        var (items, changed) = log.Read();
        await context.WriteResponseHeadersAsync([]);
        var from = request.ResumeFrom;
        long sent;
        if (from is not null && from.Epoch == Epoch && from.Sequence <= (ulong)items.Count)
        {
            sent = (long)from.Sequence;
        }
        else
        {
            var reason = from is null || from.Epoch.Length == 0 ? "new subscriber" : from.Epoch != Epoch ? "unknown epoch" : "sequence no longer retained";
            var at = new Wire.StreamPosition { Epoch = Epoch, Sequence = (ulong)items.Count };
            await write(begin(new Wire.SnapshotBoundary { Position = at, ItemCount = (uint)items.Count, Reason = reason }));
            foreach (var i in items) await write(item(i));
            await write(end(new Wire.SnapshotBoundary { Position = at }));
            sent = items.Count;
        }

        try
        {
            while (true)
            {
                for (; sent < items.Count; sent++)
                {
                    await write(live(new Wire.StreamPosition { Epoch = Epoch, Sequence = (ulong)sent + 1 }, items[(int)sent]));
                }

                await changed.WaitAsync(context.CancellationToken);
                (items, changed) = log.Read();
            }
        }
        catch (OperationCanceledException)
        {
            // The subscriber went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await LoopbackGrpc.StopAsync(_app);
    }

    /// <summary>An append-only log; readers wait on the task that completes with the next append.</summary>
    private sealed class EventLog<T>
    {
        private readonly Lock _gate = new();
        private readonly List<T> _items = [];
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Append(T item)
        {
            TaskCompletionSource appended;
            lock (_gate)
            {
                _items.Add(item);
                appended = _next;
                _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            appended.SetResult();
        }

        public (IReadOnlyList<T> Items, Task Changed) Read()
        {
            lock (_gate) return (_items.ToArray(), _next.Task);
        }
    }
}
