namespace Rollout.Benchmarks.Harness;

/// <summary>One figure a benchmark reports: its key in results.json, and how to read it.</summary>
internal sealed record Metric(string Key, string Unit, string Description);

/// <summary>
/// An independent benchmark contributing its own keys. The runner records null for each declared
/// key when it throws, so a new benchmark never needs to know about the others.
/// </summary>
internal interface IBenchmark
{
    string Name { get; }

    IReadOnlyList<Metric> Metrics { get; }

    Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken);
}
