using Rollout.Benchmarks.Emulation;
using Rollout.Benchmarks.Harness;

namespace Rollout.Benchmarks.Cases;

/// <summary>
/// Health-gated rollout duration over watch_secs rollout duration on the emulator, in virtual time
/// (deterministic: the same seed gives the same figure on any machine), one key set per size.
/// </summary>
internal sealed class TradeOffBenchmark(IReadOnlyList<int> sizes) : IBenchmark
{
    public string Name => "tradeoff";

    public IReadOnlyList<Metric> Metrics { get; } = sizes.SelectMany(n => new Metric[]
    {
        new($"gated_vs_watch_ratio_{n}", "ratio", $"{n} instances, gated / watch_secs, virtual time"),
        new($"gated_secs_{n}", "virtual s", $"{n} instances, health-gated rollout"),
        new($"watch_secs_{n}", "virtual s", $"{n} instances, watch_secs=45 rollout"),
    }).ToArray();

    public Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, double>();
        foreach (var n in sizes)
        {
            var gated = TradeOffRollout.Run(n, vCurrentFraction: 1, cancellationToken);
            var watched = TradeOffRollout.Run(n, vCurrentFraction: 0, cancellationToken);
            values[$"gated_vs_watch_ratio_{n}"] = gated / watched;
            values[$"gated_secs_{n}"] = gated.TotalSeconds;
            values[$"watch_secs_{n}"] = watched.TotalSeconds;
        }

        return Task.FromResult<IReadOnlyDictionary<string, double>>(values);
    }
}
