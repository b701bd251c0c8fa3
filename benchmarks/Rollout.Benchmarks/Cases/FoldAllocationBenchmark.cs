using System.Diagnostics;
using Rollout.Benchmarks.Firehose;
using Rollout.Benchmarks.Harness;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// The fold alone, with no transport: bytes allocated and events per second while pre-mapped
/// status events go into <see cref="DashboardModel.ApplyStatus"/>, after warm-up rounds.
/// </summary>
internal sealed class FoldAllocationBenchmark : IBenchmark
{
    public string Name => "fold";

    public IReadOnlyList<Metric> Metrics { get; } =
    [
        new("fold_allocated_bytes_per_event", "bytes/event", "median, GC.GetAllocatedBytesForCurrentThread around ApplyStatus"),
        new("fold_events_per_sec", "events/s", "median, ApplyStatus of pre-mapped events, in memory"),
    ];

    public Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var workload = FirehoseWorkload.Create(settings.FoldInstances, settings.ProgressUpdates);
        var events = workload.Events;
        var bytes = new List<double>();
        var rates = new List<double>();
        for (var round = -settings.WarmupRounds; round < settings.FoldRounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Heap.Settle();
            var (allocated, elapsed) = Fold(workload, events);
            if (round < 0) continue;
            bytes.Add((double)allocated / events.Count);
            rates.Add(events.Count / elapsed.TotalSeconds);
        }

        return Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>
        {
            ["fold_allocated_bytes_per_event"] = Rounds.Median(bytes),
            ["fold_events_per_sec"] = Rounds.Median(rates),
        });
    }

    /// <summary>One fresh model per round: the figure covers a model growing to its full size.</summary>
    private static (long Allocated, TimeSpan Elapsed) Fold(FirehoseWorkload workload, IReadOnlyList<TaskStatusUpdate> events)
    {
        var model = new DashboardModel(TimeProvider.System);
        model.ApplyUpdater(workload.Started);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i++) model.ApplyStatus(events[i]);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(model);
        return (allocated, clock.Elapsed);
    }
}
