using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Tests.Support;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// A scheduler with one rolling update that operators steer: pause and resume change its status and
/// the change goes out on the updater stream with the caller's user and message, stamped on the
/// scheduler's own clock (the test's clock plus <see cref="Skew"/>). It is strict where Aurora is
/// lenient: pausing a paused update or resuming a rolling one is INVALID_REQUEST with the reason.
/// Commands can be held until several have arrived (operators acting at once) and answers held back
/// (a scheduler that takes a command and acts on it later). One epoch; a subscriber resuming at a
/// position it holds gets what follows, any other gets a snapshot of the whole log.
/// </summary>
internal sealed class OperatedScheduler(TimeProvider clock, TimeSpan skew) : Wire.Scheduler.SchedulerBase, IAsyncDisposable
{
    public const string Epoch = "operated";
    public static readonly UpdateKey Key = Events.Key;

    private readonly Lock _gate = new();
    private readonly Log<Wire.StatusStreamMessage> _status = new((p, m) => m.Event.Position = p);
    private readonly Log<Wire.UpdaterStreamMessage> _updater = new((p, m) => m.Event.Position = p);
    private readonly List<Wire.ControlRequest> _arrived = [];
    private readonly List<Wire.ControlRequest> _taken = [];
    private TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holdFor = 1;
    private UpdateStatus _updateStatus = UpdateStatus.RollingForward;
    private WebApplication? _app;

    public TimeSpan Skew { get; } = skew;

    public Uri Address { get; private set; } = default!;

    /// <summary>The scheduler's clock: ahead of (or behind) the test's by <see cref="Skew"/>.</summary>
    public DateTimeOffset Now => clock.GetUtcNow() + Skew;

    /// <summary>Until this completes, a command that arrived is neither applied nor answered.</summary>
    public Task ApplyGate { get; set; } = Task.CompletedTask;

    /// <summary>Commands that have arrived, taken or not.</summary>
    public int Arrived
    {
        get
        {
            lock (_gate) return _arrived.Count;
        }
    }

    /// <summary>Every command, in the order the scheduler took them (applied or refused).</summary>
    public IReadOnlyList<Wire.ControlRequest> Taken
    {
        get
        {
            lock (_gate) return _taken.ToArray();
        }
    }

    public UpdateStatus Status
    {
        get
        {
            lock (_gate) return _updateStatus;
        }
    }

    /// <summary>Commands wait until <paramref name="count"/> have arrived, then are applied in arrival order.</summary>
    public void HoldUntil(int count)
    {
        lock (_gate)
        {
            _holdFor = _arrived.Count + count;
            _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The update (watch_secs 30, S2) started and rolling, on the scheduler's clock.</summary>
    public void StartUpdate(int instances)
    {
        var started = Events.Started(instances) with { Timestamp = Now };
        Publish(started);
        Publish(new UpdateStatusChanged(Key, Now, UpdateStatus.RollingForward, "alice", string.Empty));
    }

    public void Publish(UpdaterEvent e) => _updater.Append(new Wire.UpdaterStreamMessage { Event = new Wire.SequencedUpdaterEvent { Event = e.ToProto() } });

    public void Publish(TaskStatusUpdate update) => _status.Append(new Wire.StatusStreamMessage { Event = new Wire.StatusEvent { Update = update.ToProto() } });

    /// <summary>A task event of the update's job, stamped now on the scheduler's clock.</summary>
    public void TaskEvent(int instance, string taskId, TaskState state, string message = "") =>
        Publish(new TaskStatusUpdate(taskId, Key.Job, instance, state, message, Now, StatusSource.Executor, $"host-{instance}", null));

    public async Task StartAsync()
    {
        (_app, Address) = await LoopbackGrpc.StartAsync(this);
    }

    public override Task<Wire.ControlResult> PauseUpdate(Wire.ControlRequest request, ServerCallContext context) =>
        Control(request, context, s => s.IsRolling() ? (s.IsBackward() ? UpdateStatus.RollBackPaused : UpdateStatus.RollForwardPaused) : null, "the update is not rolling (already paused?)");

    public override Task<Wire.ControlResult> ResumeUpdate(Wire.ControlRequest request, ServerCallContext context) =>
        Control(request, context, s => s.IsPaused() ? (s.IsBackward() ? UpdateStatus.RollingBack : UpdateStatus.RollingForward) : null, "the update is not paused");

    public override Task<Wire.ControlResult> AbortUpdate(Wire.ControlRequest request, ServerCallContext context) =>
        Control(request, context, s => s.IsActive() ? UpdateStatus.Aborted : null, "the update is not active");

    private async Task<Wire.ControlResult> Control(Wire.ControlRequest request, ServerCallContext context, Func<UpdateStatus, UpdateStatus?> transition, string refusal)
    {
        Task all;
        lock (_gate)
        {
            _arrived.Add(request);
            if (_arrived.Count >= _holdFor) _allArrived.TrySetResult();
            all = _allArrived.Task;
        }

        await all.WaitAsync(context.CancellationToken);
        await ApplyGate.WaitAsync(TimeSpan.FromSeconds(30)); // a command taken is applied, whether or not its caller is still there to hear the answer
        ControlResult result;
        lock (_gate) // one at a time, as a scheduler's own lock takes them
        {
            _taken.Add(request);
            if (transition(_updateStatus) is { } next)
            {
                _updateStatus = next;
                Publish(new UpdateStatusChanged(Key, Now, next, request.User, request.Message));
                result = ControlResult.Ok(next);
            }
            else
            {
                result = ControlResult.Invalid(refusal, _updateStatus);
            }
        }

        return result.ToProto();
    }

    public override Task SubscribeStatusUpdates(Wire.SubscribeRequest request, IServerStreamWriter<Wire.StatusStreamMessage> responseStream, ServerCallContext context) =>
        Serve(_status, request, context, responseStream.WriteAsync,
            b => new Wire.StatusStreamMessage { SnapshotBegin = b },
            m => new Wire.StatusStreamMessage { SnapshotItem = m.Event.Update },
            e => new Wire.StatusStreamMessage { SnapshotEnd = e });

    public override Task SubscribeUpdaterEvents(Wire.SubscribeRequest request, IServerStreamWriter<Wire.UpdaterStreamMessage> responseStream, ServerCallContext context) =>
        Serve(_updater, request, context, responseStream.WriteAsync,
            b => new Wire.UpdaterStreamMessage { SnapshotBegin = b },
            m => new Wire.UpdaterStreamMessage { SnapshotItem = m.Event.Event },
            e => new Wire.UpdaterStreamMessage { SnapshotEnd = e });

    private static async Task Serve<T>(
        Log<T> log,
        Wire.SubscribeRequest request,
        ServerCallContext context,
        Func<T, Task> write,
        Func<Wire.SnapshotBoundary, T> begin,
        Func<T, T> item,
        Func<Wire.SnapshotBoundary, T> end)
    {
        var (items, changed) = log.Read();
        await context.WriteResponseHeadersAsync([]);
        var from = request.ResumeFrom;
        int sent;
        if (from is not null && from.Epoch == Epoch && from.Sequence <= (ulong)items.Count)
        {
            sent = (int)from.Sequence;
        }
        else
        {
            var at = new Wire.StreamPosition { Epoch = Epoch, Sequence = (ulong)items.Count };
            await write(begin(new Wire.SnapshotBoundary { Position = at, ItemCount = (uint)items.Count, Reason = "new subscriber" }));
            foreach (var i in items) await write(item(i));
            await write(end(new Wire.SnapshotBoundary { Position = at }));
            sent = items.Count;
        }

        try
        {
            while (true)
            {
                for (; sent < items.Count; sent++) await write(items[sent]);
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

    /// <summary>An append-only log of live messages, numbered 1, 2, 3, ... as they are appended.</summary>
    private sealed class Log<T>(Action<Wire.StreamPosition, T> position)
    {
        private readonly Lock _gate = new();
        private readonly List<T> _items = [];
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Append(T message)
        {
            TaskCompletionSource appended;
            lock (_gate)
            {
                position(new Wire.StreamPosition { Epoch = Epoch, Sequence = (ulong)_items.Count + 1 }, message);
                _items.Add(message);
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
