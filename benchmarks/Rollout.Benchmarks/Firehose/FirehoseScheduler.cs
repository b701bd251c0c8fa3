using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rollout.Emulator.Hosting;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Benchmarks.Firehose;

/// <summary>
/// A scheduler with no engine behind it: its status stream sends pre-built messages as fast as
/// the reader takes them, over real gRPC on a loopback h2c port, then ends. A subscriber that
/// resumes at the end is held open (no reconnect storm while a round winds down).
/// </summary>
internal sealed class FirehoseScheduler : Wire.Scheduler.SchedulerBase, IAsyncDisposable
{
    /// <summary>Messages appended to the response before each flush: the writer stays ahead of any reader.</summary>
    private const int FlushEvery = 64;

    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);
    private static readonly WriteOptions Flushing = new();

    private readonly IReadOnlyList<Wire.StatusStreamMessage> _messages;
    private WebApplication? _app;
    private long _served;
    private int _completedCalls;

    private FirehoseScheduler(IReadOnlyList<Wire.StatusStreamMessage> messages) => _messages = messages;

    public Uri Address { get; private set; } = default!;

    /// <summary>Status messages written, over all calls.</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>Calls that sent their whole tail and ended.</summary>
    public int CompletedCalls => Volatile.Read(ref _completedCalls);

    public static async Task<FirehoseScheduler> StartAsync(IReadOnlyList<Wire.StatusStreamMessage> messages, CancellationToken cancellationToken)
    {
        var scheduler = new FirehoseScheduler(messages);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxSendMessageSize = EmulatorServiceCollectionExtensions.MaxMessageBytes);
        builder.Services.AddSingleton(scheduler);
        var app = builder.Build();
        app.MapGrpcService<FirehoseScheduler>();
        await app.StartAsync(cancellationToken);
        scheduler._app = app;
        scheduler.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return scheduler;
    }

    public override async Task SubscribeStatusUpdates(Wire.SubscribeRequest request, IServerStreamWriter<Wire.StatusStreamMessage> responseStream, ServerCallContext context)
    {
        var from = request.ResumeFrom?.Epoch == FirehoseWorkload.Epoch ? (int)Math.Min((ulong)_messages.Count, request.ResumeFrom.Sequence) : 0;
        if (from == _messages.Count && from > 0)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        for (var i = from; i < _messages.Count; i++)
        {
            responseStream.WriteOptions = (i + 1) % FlushEvery == 0 || i == _messages.Count - 1 ? Flushing : Buffered;
            await responseStream.WriteAsync(_messages[i], context.CancellationToken);
            Interlocked.Increment(ref _served);
        }

        Interlocked.Increment(ref _completedCalls);
    }

    public override Task SubscribeUpdaterEvents(Wire.SubscribeRequest request, IServerStreamWriter<Wire.UpdaterStreamMessage> responseStream, ServerCallContext context) =>
        Task.Delay(Timeout.Infinite, context.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);

    public async ValueTask DisposeAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
