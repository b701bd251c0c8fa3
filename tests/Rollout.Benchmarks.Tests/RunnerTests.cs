using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Rollout.Benchmarks.Cases;
using Rollout.Benchmarks.Harness;

namespace Rollout.Benchmarks.Tests;

public class RunnerTests
{
    private static readonly string[] RequiredKeys =
    [
        "ingest_events_per_sec", "ingest_ratio_vs_bare_grpc", "fold_allocated_bytes_per_event", "server_bytes_per_instance",
        "gated_vs_watch_ratio_10", "gated_vs_watch_ratio_100", "gated_vs_watch_ratio_1000", "gated_vs_watch_ratio_10000",
        "fanout_clients", "fanout_p50_ms", "fanout_p99_ms", "slow_client_p99_penalty_ratio",
        "snapshot_bytes_update_10k", "snapshot_bytes_update_10k_json", "snapshot_bytes_list", "snapshot_bytes_list_json",
        "delta_bytes_per_sec_update_viewer", "delta_bytes_per_sec_list_viewer", "delta_batches_per_sec_update_viewer",
        "msgpack_vs_json_bytes_ratio", "decode_ms_update_10k_msgpack", "decode_ms_update_10k_json",
    ];

    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Suite_FullAndQuick_DeclareEveryRequiredKey()
    {
        foreach (var settings in new[] { BenchmarkSettings.Full, BenchmarkSettings.QuickRun })
        {
            var keys = AllBenchmarks.Create(settings).SelectMany(b => b.Metrics).Select(m => m.Key).ToList();
            Assert.Subset(keys.ToHashSet(), RequiredKeys.ToHashSet());
            Assert.Equal(keys.Count, keys.Distinct().Count());
        }
    }

    [Fact]
    public async Task TinyRun_WritesEveryKeyAsANumber()
    {
        var suite = AllBenchmarks.Create(TinySettings.Value);
        var report = await new BenchmarkRunner(suite, Time, TextWriter.Null).RunAsync(TinySettings.Value, CancellationToken.None);
        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}", "results.json");
        report.Save(path);

        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        Assert.Empty(report.Errors);
        foreach (var key in suite.SelectMany(b => b.Metrics).Select(m => m.Key))
        {
            Assert.True(json[key] is JsonValue value && value.TryGetValue<double>(out _), $"{key} is {json[key]?.ToJsonString() ?? "missing"}");
        }

        Assert.Equal("2026-05-01T12:00:00.000Z", json["timestamp"]!.GetValue<string>());
        Assert.False(json["quick"]!.GetValue<bool>());
        Assert.Equal(Environment.ProcessorCount, json["machine"]!["processor_count"]!.GetValue<int>());
        Assert.Contains(".NET", json["machine"]!["dotnet"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(140, json["ingest_events"]!.GetValue<double>());
        Assert.Contains("ingest_ratio_vs_bare_grpc", report.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchmarkThatThrows_RecordsNullAndAnError_AndTheRestStillRun()
    {
        var suite = new IBenchmark[] { new Fixed("first", ("a", 1)), new Throwing(), new Fixed("last", ("c", 3)) };

        var report = await new BenchmarkRunner(suite, Time, TextWriter.Null).RunAsync(TinySettings.Value, CancellationToken.None);
        var json = report.ToJson();

        Assert.Equal(1, json["a"]!.GetValue<double>());
        Assert.True(json.ContainsKey("b"));
        Assert.Null(json["b"]);
        Assert.Equal(3, json["c"]!.GetValue<double>());
        Assert.Equal("broken: InvalidOperationException: no upstream", Assert.Single(report.Errors));
        var row = Assert.Single(report.ToTable().Split('\n'), l => l.StartsWith("| broken ", StringComparison.Ordinal));
        Assert.Equal(["broken", "b", "null", "x"], row.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task MissingOrNonFiniteValue_IsNullWithAnError()
    {
        var suite = new IBenchmark[] { new Fixed("odd", ("a", double.NaN)) { Extra = ["z"] } };

        var report = await new BenchmarkRunner(suite, Time, TextWriter.Null).RunAsync(TinySettings.Value, CancellationToken.None);

        Assert.Null(report.Value("a"));
        Assert.Null(report.Value("z"));
        Assert.Equal(["odd: a is NaN", "odd: reported no z"], report.Errors);
    }

    [Fact]
    public void DefaultResultsPath_IsUnderTheRepositoryRoot()
    {
        var path = ResultsLocation.DefaultPath();
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

        Assert.EndsWith(Path.Combine("artifacts", "benchmarks", "results.json"), path, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, ResultsLocation.SolutionFile)));
    }

    private sealed class Fixed(string name, (string Key, double Value) result) : IBenchmark
    {
        public string Name => name;

        public string[] Extra { get; init; } = [];

        public IReadOnlyList<Metric> Metrics => [new(result.Key, "x", "test"), .. Extra.Select(k => new Metric(k, "x", "test"))];

        public Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double> { [result.Key] = result.Value });
    }

    private sealed class Throwing : IBenchmark
    {
        public string Name => "broken";

        public IReadOnlyList<Metric> Metrics => [new("b", "x", "test")];

        public Task<IReadOnlyDictionary<string, double>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no upstream");
    }
}
