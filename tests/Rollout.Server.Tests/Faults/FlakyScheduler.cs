using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Rollout.Server.Tests.Support;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// A scheduler whose every subscription runs what the test says (by attempt number): answer and
/// end at once, send a snapshot and die, or stay open. Counts subscriptions on the test's clock.
/// </summary>
internal sealed class FlakyScheduler(TimeProvider clock) : Wire.Scheduler.SchedulerBase, IAsyncDisposable
{
    public delegate IEnumerable<T> Script<T>(int attempt, Wire.SubscribeRequest request);

    private WebApplication? _app;

    /// <summary>Messages for the nth updater subscription (from 1); null: headers and nothing more, held open.</summary>
    public Script<Wire.UpdaterStreamMessage>? Updater { get; set; }

    /// <summary>Messages for the nth status subscription (from 1); null: headers and nothing more, held open.</summary>
    public Script<Wire.StatusStreamMessage>? Status { get; set; }

    /// <summary>Whether a subscription ends once its messages are out (else it is held open).</summary>
    public bool EndAfterScript { get; set; } = true;

    /// <summary>When each updater subscription came, on the test's clock.</summary>
    public ConcurrentQueue<DateTimeOffset> UpdaterSubscriptions { get; } = new();

    /// <summary>When each status subscription came, on the test's clock.</summary>
    public ConcurrentQueue<DateTimeOffset> StatusSubscriptions { get; } = new();

    public Uri Address { get; private set; } = default!;

    public async Task StartAsync()
    {
        (_app, Address) = await LoopbackGrpc.StartAsync(this);
    }

    public override Task SubscribeUpdaterEvents(Wire.SubscribeRequest request, IServerStreamWriter<Wire.UpdaterStreamMessage> responseStream, ServerCallContext context) =>
        Serve(UpdaterSubscriptions, Updater, request, responseStream, context);

    public override Task SubscribeStatusUpdates(Wire.SubscribeRequest request, IServerStreamWriter<Wire.StatusStreamMessage> responseStream, ServerCallContext context) =>
        Serve(StatusSubscriptions, Status, request, responseStream, context);

    private async Task Serve<T>(ConcurrentQueue<DateTimeOffset> log, Script<T>? script, Wire.SubscribeRequest request, IServerStreamWriter<T> responseStream, ServerCallContext context)
    {
        log.Enqueue(clock.GetUtcNow());
        await context.WriteResponseHeadersAsync([]);
        if (script is not null)
        {
            foreach (var message in script(log.Count, request)) await responseStream.WriteAsync(message);
            if (EndAfterScript) return;
        }

        await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await LoopbackGrpc.StopAsync(_app);
    }
}
