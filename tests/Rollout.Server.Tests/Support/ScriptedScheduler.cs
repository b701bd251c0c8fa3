using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// A scheduler that streams exactly the messages a test scripts, good or bad, over real gRPC:
/// for checking how the dashboard copes with what a real upstream might send. A resubscription
/// gets the resume script if one is set (else the first again), once its gate opens.
/// </summary>
internal sealed class ScriptedScheduler : Wire.Scheduler.SchedulerBase, IAsyncDisposable
{
    private WebApplication? _app;

    public List<Wire.StatusStreamMessage> StatusScript { get; } = [];

    public List<Wire.UpdaterStreamMessage> UpdaterScript { get; } = [];

    public List<Wire.StatusStreamMessage>? StatusResumeScript { get; set; }

    public List<Wire.UpdaterStreamMessage>? UpdaterResumeScript { get; set; }

    /// <summary>Until this completes a status resubscription answers nothing, not even headers.</summary>
    public Task StatusResumeGate { get; set; } = Task.CompletedTask;

    /// <summary>Until this completes an updater resubscription answers nothing, not even headers.</summary>
    public Task UpdaterResumeGate { get; set; } = Task.CompletedTask;

    /// <summary>Every status subscription's request, in order.</summary>
    public ConcurrentQueue<Wire.SubscribeRequest> StatusRequests { get; } = new();

    /// <summary>Every updater subscription's request, in order.</summary>
    public ConcurrentQueue<Wire.SubscribeRequest> UpdaterRequests { get; } = new();

    public Uri Address { get; private set; } = default!;

    /// <summary>Updater messages sent, once the script is out, as the test writes them: the stream going on.</summary>
    public Channel<Wire.UpdaterStreamMessage> UpdaterLive { get; } = Channel.CreateUnbounded<Wire.UpdaterStreamMessage>();

    /// <summary>Every pause/resume/abort request, in order. Each is accepted and never answered: a scheduler gone quiet.</summary>
    public Channel<Wire.ControlRequest> ControlRequests { get; } = Channel.CreateUnbounded<Wire.ControlRequest>();

    public async Task StartAsync()
    {
        (_app, Address) = await LoopbackGrpc.StartAsync(this);
    }

    public override Task SubscribeStatusUpdates(Wire.SubscribeRequest request, IServerStreamWriter<Wire.StatusStreamMessage> responseStream, ServerCallContext context) =>
        Serve(request, StatusRequests, StatusScript, StatusResumeScript, StatusResumeGate, responseStream, context);

    public override Task SubscribeUpdaterEvents(Wire.SubscribeRequest request, IServerStreamWriter<Wire.UpdaterStreamMessage> responseStream, ServerCallContext context) =>
        Serve(request, UpdaterRequests, UpdaterScript, UpdaterResumeScript, UpdaterResumeGate, responseStream, context, UpdaterLive.Reader);

    public override Task<Wire.ControlResult> PauseUpdate(Wire.ControlRequest request, ServerCallContext context) => NeverAnswer(request, context);

    public override Task<Wire.ControlResult> ResumeUpdate(Wire.ControlRequest request, ServerCallContext context) => NeverAnswer(request, context);

    public override Task<Wire.ControlResult> AbortUpdate(Wire.ControlRequest request, ServerCallContext context) => NeverAnswer(request, context);

    private async Task<Wire.ControlResult> NeverAnswer(Wire.ControlRequest request, ServerCallContext context)
    {
        await ControlRequests.Writer.WriteAsync(request, context.CancellationToken);
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
        throw new RpcException(new Status(StatusCode.Cancelled, "never answered"));
    }

    private static async Task Serve<T>(
        Wire.SubscribeRequest request,
        ConcurrentQueue<Wire.SubscribeRequest> requests,
        List<T> first,
        List<T>? resume,
        Task resumeGate,
        IServerStreamWriter<T> responseStream,
        ServerCallContext context,
        ChannelReader<T>? live = null)
    {
        requests.Enqueue(request);
        var script = first;
        if (requests.Count > 1)
        {
            await resumeGate.WaitAsync(context.CancellationToken);
            script = resume ?? first;
        }

        // Headers at once, as a real scheduler does: an empty script still connects.
        await context.WriteResponseHeadersAsync([]);
        foreach (var message in script) await responseStream.WriteAsync(message);
        if (live is not null && requests.Count == 1)
        {
            try
            {
                await foreach (var message in live.ReadAllAsync(context.CancellationToken)) await responseStream.WriteAsync(message);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await LoopbackGrpc.StopAsync(_app);
    }
}
