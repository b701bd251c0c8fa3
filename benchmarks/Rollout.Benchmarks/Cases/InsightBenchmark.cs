using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Rollout.Benchmarks.Browsers;
using Rollout.Benchmarks.Emulation;
using Rollout.Benchmarks.Harness;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Insight;
using Rollout.Server.ReadModel;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// What insight costs at 10,000 instances (the emulator's large-job half-way, in virtual time), each
/// figure against a baseline timed in the same run on the same events: folding the log for insight
/// against folding it into the dashboard's model, and building the insight view (what a browser polls)
/// against building the update's snapshot (what a browser subscribes to). Also what the view weighs
/// on the wire.
/// </summary>
internal sealed class InsightBenchmark : IBenchmark
{
    public string Name => "insight";

    public IReadOnlyList<Metric> Metrics { get; } =
    [
        new("insight_fold_ms_10k", "ms", "median, UpdateLog + UpdateInsightFold over large-job's events half-way"),
        new("model_fold_ms_10k", "ms", "baseline: median, the same events into DashboardModel"),
        new("insight_fold_vs_model_fold", "ratio", "insight fold time / model fold time, same run"),
        new("insight_view_ms_10k", "ms", "median, every insight view built and cut to InsightView, from the folded state"),
        new("snapshot_ms_10k", "ms", "baseline: median, DashboardModel.UpdateSnapshot of the same update"),
        new("insight_view_vs_snapshot", "ratio", "insight view time / snapshot time, same run"),
        new("insight_view_bytes_10k", "bytes", "the GetInsight answer, MessagePack"),
        new("timeline_detail_bytes_largest_batch", "bytes", "the GetTimelineDetail answer for the largest batch, MessagePack"),
    ];

    public Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var logs = MidRollout.Run(settings.SnapshotInstances, cancellationToken);
        var key = DashboardKeys.Of(logs.Update);
        var insightFold = new List<double>();
        var modelFold = new List<double>();
        var views = new List<double>();
        var snapshots = new List<double>();
        InsightView? view = null;
        TimelineDetail? detail = null;
        for (var round = -settings.WarmupRounds; round < settings.FoldRounds; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Alternated within each round, so drift on a shared machine hits both sides alike.
            Heap.Settle();
            var clock = Stopwatch.StartNew();
            var model = FoldModel(logs);
            var modelMs = clock.Elapsed.TotalMilliseconds;

            Heap.Settle();
            clock.Restart();
            var fold = new UpdateInsightFold(UpdateLog.From(logs.Update, logs.Updater, logs.Status));
            fold.AdvanceTo(logs.Now);
            var insightMs = clock.Elapsed.TotalMilliseconds;

            Heap.Settle();
            clock.Restart();
            var snapshot = model.UpdateSnapshot(key);
            var snapshotMs = clock.Elapsed.TotalMilliseconds;

            Heap.Settle();
            clock.Restart();
            view = fold.Build(logs.Now).View(key);
            var viewMs = clock.Elapsed.TotalMilliseconds;

            if (snapshot.Rows.Length == 0 || view.Timeline.InstanceCount != settings.SnapshotInstances)
                throw new InvalidOperationException($"snapshot of {snapshot.Rows.Length} bytes, insight of {view.Timeline.InstanceCount} instances");
            if (round < 0) continue;
            modelFold.Add(modelMs);
            insightFold.Add(insightMs);
            snapshots.Add(snapshotMs);
            views.Add(viewMs);
            var largest = view.Timeline.Batches.MaxBy(b => b.InstanceIds.Length)!;
            detail = fold.Timeline().Detail(largest.Index);
        }

        var insightMedian = Rounds.Median(insightFold);
        var modelMedian = Rounds.Median(modelFold);
        var viewMedian = Rounds.Median(views);
        var snapshotMedian = Rounds.Median(snapshots);
        return Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>
        {
            ["insight_fold_ms_10k"] = insightMedian,
            ["model_fold_ms_10k"] = modelMedian,
            ["insight_fold_vs_model_fold"] = insightMedian / modelMedian,
            ["insight_view_ms_10k"] = viewMedian,
            ["snapshot_ms_10k"] = snapshotMedian,
            ["insight_view_vs_snapshot"] = viewMedian / snapshotMedian,
            ["insight_view_bytes_10k"] = HubProtocols.Size(HubProtocols.MessagePack, HubProtocols.Answer(view!)),
            ["timeline_detail_bytes_largest_batch"] = HubProtocols.Size(HubProtocols.MessagePack, HubProtocols.Answer(detail!)),
        });
    }

    private static DashboardModel FoldModel(MidRollout.Logs logs)
    {
        var model = new DashboardModel(new FakeTimeProvider(logs.Now));
        int s = 0, u = 0;
        while (s < logs.Status.Count || u < logs.Updater.Count)
        {
            if (u < logs.Updater.Count && (s == logs.Status.Count || logs.Updater[u].Timestamp <= logs.Status[s].Timestamp)) model.ApplyUpdater(logs.Updater[u++]);
            else model.ApplyStatus(logs.Status[s++]);
        }

        _ = model.Publish();
        return model;
    }
}
