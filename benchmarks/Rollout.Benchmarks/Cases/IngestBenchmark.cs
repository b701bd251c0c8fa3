using Rollout.Benchmarks.Firehose;
using Rollout.Benchmarks.Harness;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// Status events folded per second from the firehose through the dashboard's real subscriber,
/// against a bare gRPC read loop of the same messages from the same server on the same channel.
/// The two alternate within each round, so drift on a shared machine hits both alike.
/// </summary>
internal sealed class IngestBenchmark : IBenchmark
{
    public string Name => "ingest";

    public IReadOnlyList<Metric> Metrics { get; } =
    [
        new("ingest_events_per_sec", "events/s", "median, StatusSubscriber + mapping + ApplyStatus over loopback gRPC"),
        new("ingest_ratio_vs_bare_grpc", "ratio", "ours / bare, medians of the same run"),
        new("bare_grpc_events_per_sec", "events/s", "median, await foreach and count"),
        new("ingest_ratio_paired_median", "ratio", "median of each round's ours / bare: steadier while the machine's load drifts"),
        new("ingest_events", "events", "status events per round"),
    ];

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var workload = FirehoseWorkload.Create(settings.IngestInstances, settings.ProgressUpdates);
        var events = workload.Messages.Count;
        await using var server = await FirehoseScheduler.StartAsync(workload.Messages, cancellationToken);
        using var upstream = DashboardIngest.Connect(server.Address);
        var ingest = new DashboardIngest(upstream, workload);
        var client = await upstream.GetClientAsync(cancellationToken);

        var ours = new List<double>();
        var bare = new List<double>();
        for (var round = -settings.WarmupRounds; round < settings.IngestRounds; round++)
        {
            var oursFirst = round % 2 == 0;
            for (var leg = 0; leg < 2; leg++)
            {
                Heap.Settle();
                if ((leg == 0) == oursFirst)
                {
                    var result = await ingest.RunAsync(settings.RoundTimeout, cancellationToken);
                    if (result.Position != events || result.BadMessages != 0)
                        throw new InvalidOperationException($"the subscriber reached {result.Position} of {events} with {result.BadMessages} bad message(s)");
                    if (round >= 0) ours.Add(events / result.Elapsed.TotalSeconds);
                }
                else
                {
                    var (elapsed, count) = await BareGrpcRead.RunAsync(client, settings.RoundTimeout, cancellationToken);
                    if (count != events) throw new InvalidOperationException($"the bare read saw {count} of {events} messages");
                    if (round >= 0) bare.Add(events / elapsed.TotalSeconds);
                }
            }
        }

        var paired = ours.Zip(bare, (o, b) => o / b).ToArray();
        var oursMedian = Rounds.Median(ours);
        var bareMedian = Rounds.Median(bare);
        return new Dictionary<string, double>
        {
            ["ingest_events_per_sec"] = oursMedian,
            ["ingest_ratio_vs_bare_grpc"] = oursMedian / bareMedian,
            ["bare_grpc_events_per_sec"] = bareMedian,
            ["ingest_ratio_paired_median"] = Rounds.Median(paired),
            ["ingest_events"] = events,
        };
    }
}
