using Rollout.Benchmarks.Fanout;
using Rollout.Benchmarks.Harness;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// Delivery delay from the model to SignalR clients: the real dashboard server on loopback Kestrel,
/// its model driven directly (the upstream is a silent scheduler), every client watching the same
/// update while its instances change at a steady rate. A tenth of the clients are then replaced by
/// ones that stop reading their socket, and put back: alone, with stuck clients, alone again, so a
/// drifting machine load hits both sides alike. The ratio compares the honest clients' p99.
/// </summary>
internal sealed class FanoutBenchmark : IBenchmark
{
    public string Name => "fanout";

    public IReadOnlyList<Metric> Metrics { get; } =
    [
        new("fanout_clients", "clients", "MessagePack clients watching one update"),
        new("fanout_p50_ms", "ms", "median delay, change applied to the model -> client receipt, over all (client, change)"),
        new("fanout_p99_ms", "ms", "99th percentile of the same"),
        new("fanout_delivered_ratio", "ratio", "receipts / (clients x changes): 1 unless clients fell behind and missed rows"),
        new("fanout_changes_per_sec", "changes/s", "the rate the changes were applied at while measuring (the set rate unless the model lagged)"),
        new("fanout_cpu_cores", "cores", "processor time / wall time of the whole process (server and clients) while measuring fanout_p99_ms"),
        new("slow_client_p99_penalty_ratio", "ratio", "honest clients' p99 with stuck clients present / fanout_p99_ms, same run"),
        new("slow_client_p99_ms", "ms", "honest clients' p99 with stuck clients present"),
        new("slow_clients", "clients", "clients replaced by ones that subscribe and never read again"),
        new("slow_clients_behind", "clients", "viewers the server had told to resnapshot (outbox overflowed) by the end of that phase"),
    ];

    public async Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var clients = settings.FanoutClients;
        var stuck = Math.Clamp((int)Math.Round(clients * settings.SlowClientFraction), 1, clients - 1);
        var rate = settings.FanoutChangesPerSec;
        var warmup = (int)(rate * settings.FanoutWarmup.TotalSeconds);
        var phase = (int)(rate * settings.FanoutPhase.TotalSeconds);
        var half = phase / 2;

        await using var run = await FanoutRun.StartAsync(settings.FanoutInstances, rate, warmup + (2 * phase), cancellationToken);
        await run.AddHonestAsync(clients, cancellationToken);

        // Until the server's hot paths are jitted at full optimization, deliveries lag far behind.
        await run.MeasureAsync(warmup, new LatencyHistogram(), cancellationToken);

        var alone = new LatencyHistogram();
        var withStuck = new LatencyHistogram();
        var first = await run.MeasureAsync(half, alone, cancellationToken);
        await run.ReplaceWithStuckAsync(stuck, cancellationToken);
        var slow = await run.MeasureAsync(phase, withStuck, cancellationToken);
        var slowClients = run.StuckClients;
        await run.ReplaceStuckAsync(cancellationToken);
        var second = await run.MeasureAsync(phase - half, alone, cancellationToken);

        var p99 = alone.Percentile(0.99);
        var p99WithStuck = withStuck.Percentile(0.99);
        return new Dictionary<string, double>
        {
            ["fanout_clients"] = run.HonestClients,
            ["fanout_p50_ms"] = alone.Percentile(0.5),
            ["fanout_p99_ms"] = p99,
            ["fanout_delivered_ratio"] = (double)(first.Received + second.Received) / (first.Expected + second.Expected),
            ["fanout_changes_per_sec"] = phase / (first.Driving + second.Driving).TotalSeconds,
            ["fanout_cpu_cores"] = (first.Cpu + second.Cpu) / (first.Wall + second.Wall),
            ["slow_client_p99_penalty_ratio"] = p99WithStuck / p99,
            ["slow_client_p99_ms"] = p99WithStuck,
            ["slow_clients"] = slowClients,
            ["slow_clients_behind"] = slow.StuckBehind,
        };
    }
}
