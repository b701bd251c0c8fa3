using Rollout.Benchmarks.Emulation;
using Rollout.Benchmarks.Harness;
using Rollout.Domain.Model;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// The emulator's own speed: status events per second while one job rolls forward on a fake clock
/// advanced as fast as the engine keeps up, against the append floor (the same events built and
/// appended to an event log, nothing else) measured in the same rounds.
/// </summary>
internal sealed class EmulatorThroughputBenchmark : IBenchmark
{
    /// <summary>The floor takes milliseconds: each round's figure is the median of this many replays, so one hiccup does not set it.</summary>
    private const int FloorReplays = 5;

    public string Name => "emulator";

    public IReadOnlyList<Metric> Metrics { get; } =
    [
        new("emulator_status_events_per_sec", "events/s", "median, all-vCurrent rollout in batches of 500, StatusLog head delta / wall time"),
        new("emulator_rollout_ms", "ms", "median wall time, StartUpdate to RolledForward (10,000 instances; 2,000 with --quick)"),
        new("emulator_cold_rollout_ms", "ms", "wall time of the first rollout in the process, JIT included (with --only emulator, nothing ran before it)"),
        new("emulator_append_floor_events_per_sec", "events/s", "median, the same status events constructed and appended to an EventLog"),
        new("emulator_vs_append_floor", "ratio", "emulator events/s / floor events/s, medians of the same run (1 = engine costs nothing)"),
        new("emulator_vs_append_floor_paired_median", "ratio", "median of each round's emulator / floor"),
        new("emulator_mixed_status_events_per_sec", "events/s", "median, the same rollout on 50% vPrev / 50% vCurrent executors"),
        new("emulator_mixed_rollout_ms", "ms", "median wall time of the mixed rollout"),
        new("emulator_instances", "instances", "instances rolled per rollout"),
        new("emulator_status_events", "events", "status events per all-vCurrent rollout"),
        new("emulator_updater_events", "events", "updater events per all-vCurrent rollout"),
        new("emulator_mixed_status_events", "events", "status events per mixed rollout"),
        new("emulator_virtual_secs", "virtual s", "the all-vCurrent rollout's duration in virtual time"),
    ];

    public Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var instances = settings.EmulatorInstances;
        var rates = new List<double>();
        var millis = new List<double>();
        var floorRates = new List<double>();
        var mixedRates = new List<double>();
        var mixedMillis = new List<double>();
        ThroughputRollout.Result? gated = null, mixed = null;
        var cold = double.NaN;
        IReadOnlyList<TaskStatusUpdate> events = [];
        for (var round = -settings.WarmupRounds; round < settings.EmulatorRounds; round++)
        {
            Heap.Settle();
            var run = Checked(ThroughputRollout.Run(instances, vCurrentFraction: 1, captureEvents: events.Count == 0, cancellationToken), gated);
            if (gated is null) cold = run.Elapsed.TotalMilliseconds;
            gated ??= run;
            if (events.Count == 0) events = run.Events;

            Heap.Settle();
            var mixedRun = Checked(ThroughputRollout.Run(instances, vCurrentFraction: 0.5, captureEvents: false, cancellationToken), mixed);
            mixed ??= mixedRun;

            var floor = new List<double>();
            for (var replay = 0; replay < FloorReplays; replay++)
            {
                Heap.Settle();
                floor.Add(events.Count / AppendFloor.Replay(events, gated.RetainedEvents).TotalSeconds);
            }

            if (round < 0) continue;
            rates.Add(run.StatusEvents / run.Elapsed.TotalSeconds);
            millis.Add(run.Elapsed.TotalMilliseconds);
            mixedRates.Add(mixedRun.StatusEvents / mixedRun.Elapsed.TotalSeconds);
            mixedMillis.Add(mixedRun.Elapsed.TotalMilliseconds);
            floorRates.Add(Rounds.Median(floor));
        }

        var rate = Rounds.Median(rates);
        var floorRate = Rounds.Median(floorRates);
        return Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>
        {
            ["emulator_status_events_per_sec"] = rate,
            ["emulator_rollout_ms"] = Rounds.Median(millis),
            ["emulator_cold_rollout_ms"] = cold,
            ["emulator_append_floor_events_per_sec"] = floorRate,
            ["emulator_vs_append_floor"] = rate / floorRate,
            ["emulator_vs_append_floor_paired_median"] = Rounds.Median(rates.Zip(floorRates, (e, f) => e / f).ToArray()),
            ["emulator_mixed_status_events_per_sec"] = Rounds.Median(mixedRates),
            ["emulator_mixed_rollout_ms"] = Rounds.Median(mixedMillis),
            ["emulator_instances"] = instances,
            ["emulator_status_events"] = gated!.StatusEvents,
            ["emulator_updater_events"] = gated.UpdaterEvents,
            ["emulator_mixed_status_events"] = mixed!.StatusEvents,
            ["emulator_virtual_secs"] = gated.VirtualDuration.TotalSeconds,
        });
    }

    /// <summary>Only a finished rollout counts, and a seeded one emits the same events every round.</summary>
    private static ThroughputRollout.Result Checked(ThroughputRollout.Result run, ThroughputRollout.Result? first)
    {
        if (run.Status != UpdateStatus.RolledForward) throw new InvalidOperationException($"the rollout ended {run.Status}");
        if (first is not null && (run.StatusEvents, run.UpdaterEvents) != (first.StatusEvents, first.UpdaterEvents))
            throw new InvalidOperationException($"the seeded rollout emitted {run.StatusEvents}/{run.UpdaterEvents} events, before {first.StatusEvents}/{first.UpdaterEvents}");
        return run;
    }
}
