using Grpc.Core;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Streams;
using Rollout.Domain.Updates;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Events;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Emulator.Grpc;

/// <summary>The gRPC edge: translate, delegate to the engine, translate back.</summary>
public sealed class SchedulerService(SchedulerEngine engine, IHostApplicationLifetime lifetime) : Wire.Scheduler.SchedulerBase
{
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);
    private static readonly WriteOptions Flushed = new();

    public override async Task SubscribeStatusUpdates(
        Wire.SubscribeRequest request,
        IServerStreamWriter<Wire.StatusStreamMessage> responseStream,
        ServerCallContext context)
    {
        var from = Translate(() => request.ResumeFrom.ToDomain());
        using var done = Streaming(context);
        try
        {
            // Headers at once: a subscriber resuming with nothing new still learns it is connected.
            await context.WriteResponseHeadersAsync([]);
            var batched = request.BatchedEvents ? StreamMapping.ToProtoBatch : (Func<IEnumerable<LiveEvent<Domain.Model.TaskStatusUpdate>>, Wire.StatusStreamMessage>?)null;
            await WriteAsync(responseStream, SubscriptionFeed.ReadBatchesAsync(engine.StatusLog, from, engine.StatusSnapshot, done.Token), StreamMapping.ToProto, batched, done.Token);
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The subscriber left or the emulator is stopping: the stream simply ends.
        }
    }

    public override async Task SubscribeUpdaterEvents(
        Wire.SubscribeRequest request,
        IServerStreamWriter<Wire.UpdaterStreamMessage> responseStream,
        ServerCallContext context)
    {
        var from = Translate(() => request.ResumeFrom.ToDomain());
        using var done = Streaming(context);
        try
        {
            // Headers at once: a subscriber resuming with nothing new still learns it is connected.
            await context.WriteResponseHeadersAsync([]);
            var batched = request.BatchedEvents ? StreamMapping.ToProtoBatch : (Func<IEnumerable<LiveEvent<Domain.Events.UpdaterEvent>>, Wire.UpdaterStreamMessage>?)null;
            await WriteAsync(responseStream, SubscriptionFeed.ReadBatchesAsync(engine.UpdaterLog, from, engine.UpdaterSnapshot, done.Token), StreamMapping.ToProto, batched, done.Token);
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
            // The subscriber left or the emulator is stopping: the stream simply ends.
        }
    }

    public override Task<Wire.ControlResult> PauseUpdate(Wire.ControlRequest request, ServerCallContext context) =>
        Task.FromResult(Control(ControlCommand.Pause, request));

    public override Task<Wire.ControlResult> ResumeUpdate(Wire.ControlRequest request, ServerCallContext context) =>
        Task.FromResult(Control(ControlCommand.Resume, request));

    public override Task<Wire.ControlResult> AbortUpdate(Wire.ControlRequest request, ServerCallContext context) =>
        Task.FromResult(Control(ControlCommand.Abort, request));

    public override Task<Wire.PulseResult> PulseUpdate(Wire.PulseRequest request, ServerCallContext context)
    {
        PulseResult result;
        try
        {
            result = engine.Pulse(request.Update.ToDomain());
        }
        catch (ContractDataException ex)
        {
            result = new PulseResult(PulseOutcome.InvalidRequest, ex.Message);
        }

        return Task.FromResult(result.ToProto());
    }

    public override Task<Wire.ListUpdatesResponse> ListUpdates(Wire.ListUpdatesRequest request, ServerCallContext context)
    {
        var job = request.Job is null ? null : Translate(() => request.Job.ToDomain());
        var response = new Wire.ListUpdatesResponse();
        response.Updates.AddRange(engine.ListUpdates(job, request.ActiveOnly).Select(s => s.ToProto()));
        return Task.FromResult(response);
    }

    public override Task<Wire.UpdateDetails> GetUpdateDetails(Wire.GetUpdateDetailsRequest request, ServerCallContext context)
    {
        var key = Translate(() => request.Update.ToDomain());
        var details = engine.GetUpdateDetails(key)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"no update {key}"));
        return Task.FromResult(details.ToProto());
    }

    /// <summary>
    /// Each batch the feed has ready goes out with one flush, at its last message: the next batch may
    /// be a wait away. To a subscriber that reads batches, the feed's live events go out as batch
    /// messages (<see cref="LiveEventMessages"/>) instead of one message each.
    /// </summary>
    private static async Task WriteAsync<T, TMessage>(
        IServerStreamWriter<TMessage> responseStream,
        IAsyncEnumerable<IReadOnlyList<StreamItem<T>>> batches,
        Func<StreamItem<T>, TMessage> toProto,
        Func<IEnumerable<LiveEvent<T>>, TMessage>? toProtoBatch,
        CancellationToken cancellationToken)
        where TMessage : Google.Protobuf.IMessage
    {
        var messages = new List<TMessage>();
        await foreach (var batch in batches)
        {
            messages.Clear();
            if (toProtoBatch is not null && batch is IReadOnlyList<LiveEvent<T>> live)
            {
                // The feed's live batches are lists of live events; snapshot slices are not.
                LiveEventMessages.Pack(live, toProtoBatch, messages);
            }
            else
            {
                foreach (var item in batch) messages.Add(toProto(item));
            }

            for (var i = 0; i < messages.Count; i++)
            {
                responseStream.WriteOptions = i < messages.Count - 1 ? Buffered : Flushed;
                await responseStream.WriteAsync(messages[i], cancellationToken);
            }
        }
    }

    /// <summary>Streams end when the subscriber leaves or the emulator shuts down, so shutdown never waits on them.</summary>
    private CancellationTokenSource Streaming(ServerCallContext context) =>
        CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);

    private Wire.ControlResult Control(ControlCommand command, Wire.ControlRequest request)
    {
        try
        {
            var control = request.ToDomain();
            return engine.Control(command, control.Update, control.User, control.Message).ToProto();
        }
        catch (ContractDataException ex)
        {
            return ControlResult.Invalid(ex.Message).ToProto();
        }
    }

    private static T Translate<T>(Func<T> map)
    {
        try
        {
            return map();
        }
        catch (ContractDataException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
    }
}
