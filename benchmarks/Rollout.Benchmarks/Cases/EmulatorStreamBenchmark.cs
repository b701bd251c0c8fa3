using Grpc.Net.Client;
using Rollout.Benchmarks.Emulation;
using Rollout.Benchmarks.Firehose;
using Rollout.Benchmarks.Harness;
using Rollout.Domain.Model;
using Rollout.Emulator.Hosting;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// The emulator as the dashboard's benchmarks use it: the rollout of the <c>emulator</c> case
/// streamed by a real emulator host at --speed 1000 (and at its fastest, 10000) to a plain gRPC client
/// reading batched live events as the dashboard does, against a bare gRPC read of the same events,
/// one per message, from the firehose (no engine, no clock) in the same rounds.
/// </summary>
internal sealed class EmulatorStreamBenchmark : IBenchmark
{
    public string Name => "emulator_stream";

    public IReadOnlyList<Metric> Metrics { get; } =
    [
        new("emulator_stream_events_per_sec", "events/s", "median, status events received by a gRPC client / wall time, emulator host at --speed 1000 on loopback"),
        new("emulator_stream_rollout_ms", "ms", "median wall time, StartUpdate to the client receiving the rollout's last status event"),
        new("emulator_stream_cold_rollout_ms", "ms", "the first round's: everything the rollout runs for the first time in the process is JIT-compiled meanwhile (with --only emulator_stream, nothing ran before it)"),
        new("emulator_stream_cpu_ms", "ms", "median processor time of the whole process over the same window (engine, both streams, the client, JIT, GC): steadier than wall time on a shared machine"),
        new("emulator_stream_bare_grpc_events_per_sec", "events/s", "median, await foreach over the same events served pre-built by the firehose"),
        new("emulator_stream_vs_bare_grpc", "ratio", "streamed events/s / bare events/s, medians of the same run"),
        new("emulator_stream_paced_floor_ms", "ms", "the rollout's virtual duration / speed: no emulator at this speed finishes sooner"),
        new("emulator_stream_events", "events", "status events per streamed rollout"),
        new("emulator_stream_max_events_per_sec", "events/s", "median, the same rollout streamed at the emulator's fastest speed (10000), where pacing no longer binds"),
        new("emulator_stream_max_vs_bare_grpc", "ratio", "the above / bare events/s, medians of the same run"),
    ];

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var instances = settings.EmulatorInstances;
        var rates = new List<double>();
        var millis = new List<double>();
        var cpuMillis = new List<double>();
        var bareRates = new List<double>();
        var maxRates = new List<double>();
        StreamedRollout.Result? first = null;
        FirehoseScheduler? firehose = null;
        GrpcChannel? channel = null;
        try
        {
            for (var round = -settings.WarmupRounds; round < settings.EmulatorRounds; round++)
            {
                Heap.Settle();
                var run = Checked(await StreamedRollout.RunAsync(instances, captureEvents: first is null, settings.RoundTimeout, cancellationToken), first);
                if (first is null)
                {
                    first = run;
                    firehose = await FirehoseScheduler.StartAsync(run.Messages, cancellationToken);
                    channel = GrpcChannel.ForAddress(firehose.Address, new GrpcChannelOptions { MaxReceiveMessageSize = EmulatorServiceCollectionExtensions.MaxMessageBytes });
                }

                Heap.Settle();
                var (elapsed, count) = await BareGrpcRead.RunAsync(new Wire.Scheduler.SchedulerClient(channel), settings.RoundTimeout, cancellationToken);
                if (count != first.StatusEvents) throw new InvalidOperationException($"the bare read saw {count} of {first.StatusEvents} events");

                Heap.Settle();
                var fastest = Checked(await StreamedRollout.RunAsync(instances, captureEvents: false, settings.RoundTimeout, cancellationToken, StreamedRollout.MaxSpeed), first);

                if (round < 0) continue;
                maxRates.Add(fastest.StatusEvents / fastest.Elapsed.TotalSeconds);
                rates.Add(run.StatusEvents / run.Elapsed.TotalSeconds);
                millis.Add(run.Elapsed.TotalMilliseconds);
                cpuMillis.Add(run.CpuTime.TotalMilliseconds);
                bareRates.Add(count / elapsed.TotalSeconds);
            }
        }
        finally
        {
            channel?.Dispose();
            if (firehose is not null) await firehose.DisposeAsync();
        }

        var rate = Rounds.Median(rates);
        var bare = Rounds.Median(bareRates);
        return new Dictionary<string, double>
        {
            ["emulator_stream_events_per_sec"] = rate,
            ["emulator_stream_rollout_ms"] = Rounds.Median(millis),
            ["emulator_stream_cold_rollout_ms"] = first!.Elapsed.TotalMilliseconds,
            ["emulator_stream_cpu_ms"] = Rounds.Median(cpuMillis),
            ["emulator_stream_bare_grpc_events_per_sec"] = bare,
            ["emulator_stream_vs_bare_grpc"] = rate / bare,
            ["emulator_stream_paced_floor_ms"] = first.VirtualDuration.TotalMilliseconds / StreamedRollout.Speed,
            ["emulator_stream_events"] = first.StatusEvents,
            ["emulator_stream_max_events_per_sec"] = Rounds.Median(maxRates),
            ["emulator_stream_max_vs_bare_grpc"] = Rounds.Median(maxRates) / bare,
        };
    }

    /// <summary>Only a finished rollout counts, and a seeded one emits the same events every round, whatever the clock.</summary>
    private static StreamedRollout.Result Checked(StreamedRollout.Result run, StreamedRollout.Result? first)
    {
        if (run.Status != UpdateStatus.RolledForward) throw new InvalidOperationException($"the streamed rollout ended {run.Status}");
        if (first is not null && run.StatusEvents != first.StatusEvents)
            throw new InvalidOperationException($"the seeded rollout streamed {run.StatusEvents} status events, before {first.StatusEvents}");
        return run;
    }
}
