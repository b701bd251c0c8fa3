using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rollout.Benchmarks.Harness;

/// <summary>Every key a run produced (null where a benchmark failed), the errors, and how to show and save them.</summary>
internal sealed class BenchmarkReport(bool quick, DateTimeOffset startedAt)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly string[] Header = ["benchmark", "key", "value", "unit"];

    public sealed record Row(string Benchmark, Metric Metric, double? Value);

    public bool Quick { get; } = quick;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Taken when the run starts, so the load average shows what else was running.</summary>
    public JsonObject Machine { get; } = MachineInfo.Describe();

    public List<Row> Rows { get; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>Wall-clock seconds each benchmark took, to keep --quick within its budget.</summary>
    public Dictionary<string, double> WallSeconds { get; } = [];

    public double? Value(string key) => Rows.LastOrDefault(r => r.Metric.Key == key)?.Value;

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["timestamp"] = StartedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["quick"] = Quick,
            ["machine"] = Machine.DeepClone(),
        };
        foreach (var row in Rows) json[row.Metric.Key] = row.Value;
        json["benchmark_wall_secs"] = new JsonObject(WallSeconds.Select(w => KeyValuePair.Create(w.Key, (JsonNode?)Math.Round(w.Value, 2))));
        json["errors"] = new JsonArray(Errors.Select(e => (JsonNode?)e).ToArray());
        return json;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson().ToJsonString(Indented) + "\n");
    }

    /// <summary>A Markdown table, so a run can be pasted into a report as it is.</summary>
    public string ToTable()
    {
        var lines = new List<string[]> { Header };
        lines.AddRange(Rows.Select(r => new[] { r.Benchmark, r.Metric.Key, Format(r.Value), r.Metric.Unit }));
        var widths = Enumerable.Range(0, 4).Select(c => lines.Max(l => l[c].Length)).ToArray();

        var text = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            text.Append("| ").AppendJoin(" | ", lines[i].Select((cell, c) => c == 2 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).AppendLine(" |");
            if (i == 0) text.Append("|-").AppendJoin("-|-", widths.Select(w => new string('-', w))).AppendLine("-|");
        }

        foreach (var error in Errors) text.Append("error: ").AppendLine(error);
        return text.ToString();
    }

    private static string Format(double? value) => value switch
    {
        null => "null",
        { } v when Math.Abs(v) >= 100 => v.ToString("N0", CultureInfo.InvariantCulture),
        { } v => v.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
