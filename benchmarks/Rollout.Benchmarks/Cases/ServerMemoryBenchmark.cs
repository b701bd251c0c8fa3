using Google.Protobuf;
using Rollout.Benchmarks.Firehose;
using Rollout.Benchmarks.Harness;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Server.ReadModel;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// Managed heap held by a <see cref="DashboardModel"/> with one update of
/// <see cref="BenchmarkSettings.MemoryInstances"/> instances. Events are parsed from the firehose's
/// wire bytes inside the measured window, as the subscriber would, so every record and string the
/// model keeps is counted (pre-built events would share their strings with the workload).
/// </summary>
internal sealed class ServerMemoryBenchmark : IBenchmark
{
    public string Name => "memory";

    public IReadOnlyList<Metric> Metrics { get; } =
    [
        new("server_bytes_per_instance", "bytes/instance", "heap held per instance once the broadcaster took its delta (a running server)"),
        new("server_bytes_per_instance_folded", "bytes/instance", "heap held per instance right after folding, no delta taken yet"),
        new("server_bytes_per_instance_structures", "bytes/instance", "as server_bytes_per_instance, not counting the events the model keeps"),
    ];

    public Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var instances = settings.MemoryInstances;
        var structures = StructuresOnly(instances, settings.ProgressUpdates);
        var (started, frames) = Frames(instances, settings.ProgressUpdates);

        // Warm-up on a throwaway model, so code paths and static caches exist before "before".
        GC.KeepAlive(Fold(started, frames.Take(Math.Min(frames.Count, 1_000)).ToList()));

        Heap.Settle();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var model = Fold(started, frames);
        Heap.Settle();
        var folded = GC.GetTotalMemory(forceFullCollection: true);

        // A running server drains changes into a batch every few milliseconds: that fills the
        // per-instance views the model keeps to send only what changed.
        _ = model.Publish();
        Heap.Settle();
        var steady = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(model);

        // The input stays alive across every reading, or its release would be netted off the model.
        GC.KeepAlive(frames);

        return Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>
        {
            ["server_bytes_per_instance"] = (double)(steady - before) / instances,
            ["server_bytes_per_instance_folded"] = (double)(folded - before) / instances,
            ["server_bytes_per_instance_structures"] = structures,
        });
    }

    /// <summary>
    /// The same model from events built before the window: their records and strings, which the
    /// model keeps as instance history, are left out, so the rest is its own bookkeeping and views.
    /// </summary>
    private static double StructuresOnly(int instances, int progressUpdates)
    {
        var workload = FirehoseWorkload.Create(instances, progressUpdates);
        var warm = new DashboardModel(TimeProvider.System);
        foreach (var e in workload.Events.Take(1_000)) warm.ApplyStatus(e);

        Heap.Settle();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var model = new DashboardModel(TimeProvider.System);
        model.ApplyUpdater(workload.Started);
        foreach (var e in workload.Events) model.ApplyStatus(e);
        _ = model.Publish();
        Heap.Settle();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(model);
        GC.KeepAlive(workload);
        return (double)(after - before) / instances;
    }

    /// <summary>The wire bytes of the update's start and its status events; the workload itself is let go.</summary>
    private static (byte[] Started, List<byte[]> Frames) Frames(int instances, int progressUpdates)
    {
        var workload = FirehoseWorkload.Create(instances, progressUpdates);
        return (workload.Started.ToProto().ToByteArray(), workload.Messages.Select(m => m.ToByteArray()).ToList());
    }

    private static DashboardModel Fold(byte[] started, List<byte[]> frames)
    {
        var model = new DashboardModel(TimeProvider.System);
        model.ApplyUpdater(Wire.UpdaterEvent.Parser.ParseFrom(started).ToDomain());
        foreach (var frame in frames)
        {
            var item = Wire.StatusStreamMessage.Parser.ParseFrom(frame).ToDomain();
            model.ApplyStatus(((LiveEvent<TaskStatusUpdate>)item).Item);
        }

        return model;
    }
}
