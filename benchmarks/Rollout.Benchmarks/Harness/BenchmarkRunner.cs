using System.Diagnostics;

namespace Rollout.Benchmarks.Harness;

/// <summary>Runs each benchmark in turn; one that throws (or leaves a key out) records null and an error, and the rest go on.</summary>
internal sealed class BenchmarkRunner(IReadOnlyList<IBenchmark> benchmarks, TimeProvider time, TextWriter log)
{
    public async Task<BenchmarkReport> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var report = new BenchmarkReport(settings.Quick, time.GetUtcNow());
        foreach (var benchmark in benchmarks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await log.WriteLineAsync($"{benchmark.Name}...");
            var clock = Stopwatch.StartNew();
            IReadOnlyDictionary<string, double>? values = null;
            try
            {
                values = await benchmark.RunAsync(settings, cancellationToken);
            }
#pragma warning disable CA1031 // Any failure of one benchmark is recorded; the others still run.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                report.Errors.Add($"{benchmark.Name}: {ex.GetType().Name}: {ex.Message}");
            }

            report.WallSeconds[benchmark.Name] = clock.Elapsed.TotalSeconds;
            foreach (var metric in benchmark.Metrics) report.Rows.Add(new(benchmark.Name, metric, Checked(benchmark, metric.Key, values, report)));
            await log.WriteLineAsync($"  {clock.Elapsed.TotalSeconds:F1} s");
        }

        return report;
    }

    /// <summary>JSON has no NaN or infinity, and a missing key is as much a failure as an exception.</summary>
    private static double? Checked(IBenchmark benchmark, string key, IReadOnlyDictionary<string, double>? values, BenchmarkReport report)
    {
        if (values is null) return null;
        if (!values.TryGetValue(key, out var value))
        {
            report.Errors.Add($"{benchmark.Name}: reported no {key}");
            return null;
        }

        if (!double.IsFinite(value))
        {
            report.Errors.Add($"{benchmark.Name}: {key} is {value}");
            return null;
        }

        return value;
    }
}
