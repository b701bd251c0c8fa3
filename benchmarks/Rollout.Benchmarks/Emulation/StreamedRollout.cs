using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Hosting;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Benchmarks.Emulation;

/// <summary>
/// The rollout of <see cref="ThroughputRollout"/> as a dashboard sees it: a real emulator host on a
/// loopback h2c port, on real time scaled by <see cref="Speed"/>, and a plain gRPC client that only
/// counts the status stream's events. The job comes from a scenario file (untimed, with the host's
/// start); the update is started through the engine's public API at a moment the clock knows, once
/// both streams have sent their snapshots. The rollout ends when the updater stream says the update
/// is terminal: its status events are those the status log holds by then, stamped no later than that.
/// </summary>
internal static class StreamedRollout
{
    /// <summary>Scenario time per real second, as <c>--speed 1000</c>.</summary>
    public const double Speed = 1000;

    /// <summary>The fastest speed the emulator accepts: the pacing floor is a tenth of <see cref="Speed"/>'s.</summary>
    public const double MaxSpeed = 10_000;

    private const string Scenario = "emulator-stream";
    private const int MaxIdleWaits = 50;

    private static readonly TimeSpan QuietFor = TimeSpan.FromMilliseconds(100);

    /// <param name="StatusEvents">Status events of the rollout, every one received by the client.</param>
    /// <param name="Elapsed">Wall time from the StartUpdate call until the client received the rollout's last status event.</param>
    /// <param name="CpuTime">The whole process's processor time over about the same window: engine, both streams, the client, JIT and GC.</param>
    /// <param name="Messages">When asked: the rollout's status events as live stream messages numbered 1..N, for a firehose to replay.</param>
    public sealed record Result(
        UpdateStatus Status,
        long StatusEvents,
        TimeSpan Elapsed,
        TimeSpan VirtualDuration,
        TimeSpan CpuTime,
        IReadOnlyList<Wire.StatusStreamMessage> Messages);

    public static async Task<Result> RunAsync(int instances, bool captureEvents, TimeSpan timeout, CancellationToken cancellationToken, double speed = Speed)
    {
        var folder = Directory.CreateTempSubdirectory("emulator-stream-");
        try
        {
            var scenario = Path.Combine(folder.FullName, Scenario + ".json");
            await File.WriteAllTextAsync(scenario, ScenarioJson(instances), cancellationToken);
            var app = await EmulatorHost.StartAsync(0, HostSettings(scenario, instances, speed), cancellationToken: cancellationToken);
            try
            {
                return await RunAsync(app, instances, captureEvents, timeout, cancellationToken);
            }
            finally
            {
                await app.StopAsync(CancellationToken.None);
                await app.DisposeAsync();
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<Result> RunAsync(WebApplication app, int instances, bool captureEvents, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var engine = app.Services.GetRequiredService<SchedulerEngine>();
        using var channel = GrpcChannel.ForAddress(EmulatorHost.AddressOf(app), new GrpcChannelOptions { MaxReceiveMessageSize = EmulatorServiceCollectionExtensions.MaxMessageBytes });
        var client = new Wire.Scheduler.SchedulerClient(channel);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        var status = new StatusCounter(instances);
        var updater = new TerminalWatch(ThroughputRollout.UpdateId);
        // Batched live events, as the dashboard asks for them.
        using var statusCall = client.SubscribeStatusUpdates(new Wire.SubscribeRequest { BatchedEvents = true }, cancellationToken: deadline.Token);
        using var updaterCall = client.SubscribeUpdaterEvents(new Wire.SubscribeRequest { BatchedEvents = true }, cancellationToken: deadline.Token);
        var reading = status.ReadAsync(statusCall.ResponseStream, deadline.Token);
        var watching = updater.ReadAsync(updaterCall.ResponseStream, deadline.Token);
        await Task.WhenAll(status.SnapshotDone, updater.SnapshotDone).WaitAsync(deadline.Token);
        await UntilIdleAsync(deadline.Token);

        var before = engine.StatusLog.Head;
        status.CountAfter(before);
        var cpu = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        engine.StartUpdate(ThroughputRollout.Request(instances));

        var (final, startedAt, endedAt) = await watching;
        var last = LastStampedBy(engine, before, endedAt);
        await status.UntilReceivedAsync(last).WaitAsync(deadline.Token);
        cpu = Environment.CpuUsage.TotalTime - cpu;
        var elapsed = Stopwatch.GetElapsedTime(start, status.ReceivedAt(last));

        var messages = captureEvents ? Replayable(engine, before, last) : [];
        await deadline.CancelAsync();
        await Quietly(reading);
        return new Result(final, last - before, elapsed, endedAt - startedAt, cpu, messages);
    }

    /// <summary>
    /// The host's start leaves background work behind (tiered JIT of its start-up code, the content root's
    /// file watcher): the update starts once the JIT has compiled nothing for <see cref="QuietFor"/>, as on an
    /// emulator that has been up for a moment. What the rollout itself runs for the first time still counts.
    /// </summary>
    private static async Task UntilIdleAsync(CancellationToken cancellationToken)
    {
        var compiled = JitInfo.GetCompiledMethodCount();
        for (var wait = 0; wait < MaxIdleWaits; wait++)
        {
            await Task.Delay(QuietFor, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            if (now == compiled) return;
            compiled = now;
        }
    }

    /// <summary>The sequence of the last status event stamped no later than the update's end (all of them are logged by the time it ends).</summary>
    private static long LastStampedBy(SchedulerEngine engine, long before, DateTimeOffset endedAt)
    {
        var events = new List<LiveEvent<TaskStatusUpdate>>();
        for (var window = 1024L; ; window *= 4)
        {
            var from = Math.Max(before, engine.StatusLog.Head - window);
            if (engine.StatusLog.ReadAfter(from, int.MaxValue, events) != Emulator.Events.ReadResult.Ok)
                throw new InvalidOperationException("the status log dropped the rollout's events: retain more");
            var index = events.FindLastIndex(e => e.Item.Timestamp <= endedAt);
            if (index >= 0) return events[index].Position.Sequence;
            if (from == before) throw new InvalidOperationException("the rollout emitted no status event");
        }
    }

    private static Wire.StatusStreamMessage[] Replayable(SchedulerEngine engine, long before, long last)
    {
        var events = new List<LiveEvent<TaskStatusUpdate>>();
        if (engine.StatusLog.ReadAfter(before, (int)(last - before), events) != Emulator.Events.ReadResult.Ok)
            throw new InvalidOperationException("the status log dropped the rollout's events: retain more");
        return events.Select((e, i) => new LiveEvent<TaskStatusUpdate>(new StreamPosition(Firehose.FirehoseWorkload.Epoch, i + 1), e.Item).ToProto()).ToArray();
    }

    private static async Task Quietly(Task reading)
    {
        try
        {
            await reading;
        }
        catch (OperationCanceledException)
        {
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled)
        {
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> HostSettings(string scenario, int instances, double speed) =>
    [
        new("Emulator:Scenarios", scenario),
        new("Emulator:Speed", speed.ToString(CultureInfo.InvariantCulture)),
        new("Emulator:AllowAnonymous", "true"),
        new("Emulator:RetainedEvents", ThroughputRollout.RetainedEvents(instances).ToString(CultureInfo.InvariantCulture)),
    ];

    /// <summary>The host pool and the v1 job of <see cref="ThroughputRollout"/>, and no update: the benchmark starts it.</summary>
    private static string ScenarioJson(int instances)
    {
        var v1 = ThroughputRollout.V1;
        var hc = v1.HealthCheck!;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "name": "{{Scenario}}",
              "hosts": { "count": {{ThroughputRollout.Hosts}}, "vCurrentFraction": 1 },
              "jobs": [
                {
                  "role": "{{ThroughputRollout.Job.Role}}", "environment": "{{ThroughputRollout.Job.Environment}}", "name": "{{ThroughputRollout.Job.Name}}",
                  "instances": {{instances}},
                  "config": {
                    "version": "{{v1.Version}}",
                    "healthCheck": { "initialIntervalSecs": {{hc.InitialIntervalSecs}}, "intervalSecs": {{hc.IntervalSecs}}, "maxConsecutiveFailures": {{hc.MaxConsecutiveFailures}}, "minConsecutiveSuccesses": {{hc.MinConsecutiveSuccesses}}, "timeoutSecs": {{hc.TimeoutSecs}} },
                    "app": { "healthyAfterSecs": { "min": {{v1.App.HealthyAfterSecs.Min}}, "max": {{v1.App.HealthyAfterSecs.Max}} } }
                  }
                }
              ]
            }
            """);
    }

    /// <summary>Counts the status stream's live events after a sequence, noting when each arrived: nothing else, as a bare read loop.</summary>
    private sealed class StatusCounter(int instances)
    {
        private readonly TaskCompletionSource _snapshotDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<long> _receivedAt = new(instances * 12);
        private long _after = long.MaxValue;
        private long _received;
        private long _target = long.MaxValue;

        public Task SnapshotDone => _snapshotDone.Task;

        public void CountAfter(long sequence) => Volatile.Write(ref _after, sequence);

        public async Task ReadAsync(IAsyncStreamReader<Wire.StatusStreamMessage> stream, CancellationToken cancellationToken)
        {
            try
            {
                await CountAsync(stream, cancellationToken);
            }
            catch (Exception ex)
            {
                _snapshotDone.TrySetException(ex);
                _reached.TrySetException(ex);
                throw;
            }
        }

        private async Task CountAsync(IAsyncStreamReader<Wire.StatusStreamMessage> stream, CancellationToken cancellationToken)
        {
            await foreach (var message in stream.ReadAllAsync(cancellationToken))
            {
                if (message.KindCase == Wire.StatusStreamMessage.KindOneofCase.SnapshotEnd)
                {
                    _snapshotDone.TrySetResult();
                    continue;
                }

                if (message.KindCase == Wire.StatusStreamMessage.KindOneofCase.Event) Count(message.Event);
                if (message.KindCase != Wire.StatusStreamMessage.KindOneofCase.Events) continue;
                foreach (var e in message.Events.Events) Count(e);
            }
        }

        private void Count(Wire.StatusEvent e)
        {
            var sequence = (long)e.Position.Sequence;
            var after = Volatile.Read(ref _after);
            if (sequence <= after) return;
            if (sequence != after + _receivedAt.Count + 1) throw new InvalidOperationException($"status event {sequence} arrived after {after + _receivedAt.Count}");
            _receivedAt.Add(Stopwatch.GetTimestamp());
            Interlocked.Exchange(ref _received, sequence);
            if (sequence >= Interlocked.Read(ref _target)) _reached.TrySetResult();
        }

        /// <summary>Completes once the event numbered <paramref name="sequence"/> has arrived.</summary>
        public Task UntilReceivedAsync(long sequence)
        {
            Interlocked.Exchange(ref _target, sequence);
            if (Interlocked.Read(ref _received) >= sequence) _reached.TrySetResult();
            return _reached.Task;
        }

        public long ReceivedAt(long sequence) => _receivedAt[(int)(sequence - Volatile.Read(ref _after) - 1)];
    }

    /// <summary>Follows the updater stream until the update reaches a terminal status.</summary>
    private sealed class TerminalWatch(string updateId)
    {
        private readonly TaskCompletionSource _snapshotDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task SnapshotDone => _snapshotDone.Task;

        public async Task<(UpdateStatus Status, DateTimeOffset StartedAt, DateTimeOffset EndedAt)> ReadAsync(IAsyncStreamReader<Wire.UpdaterStreamMessage> stream, CancellationToken cancellationToken)
        {
            DateTimeOffset? startedAt = null;
            await foreach (var message in stream.ReadAllAsync(cancellationToken))
            {
                if (message.KindCase == Wire.UpdaterStreamMessage.KindOneofCase.SnapshotEnd) _snapshotDone.TrySetResult();
                IEnumerable<Wire.SequencedUpdaterEvent> events = message.KindCase switch
                {
                    Wire.UpdaterStreamMessage.KindOneofCase.Event => [message.Event],
                    Wire.UpdaterStreamMessage.KindOneofCase.Events => message.Events.Events,
                    _ => [],
                };
                foreach (var sequenced in events)
                {
                    var e = sequenced.Event;
                    if (e.Update.Id != updateId) continue;
                    if (e.KindCase == Wire.UpdaterEvent.KindOneofCase.Started) startedAt = e.Timestamp.ToDomain();
                    if (e.KindCase != Wire.UpdaterEvent.KindOneofCase.StatusChanged) continue;
                    var status = e.StatusChanged.Status.ToDomain();
                    if (status.IsTerminal()) return (status, startedAt ?? throw new InvalidOperationException("the update ended before it started"), e.Timestamp.ToDomain());
                }
            }

            throw new InvalidOperationException("the updater stream ended before the update did");
        }
    }
}
