using Rollout.Benchmarks.Cases;
using Rollout.Benchmarks.Harness;

// dotnet run -c Release --project benchmarks/Rollout.Benchmarks -- [--quick] [--only NAME[,NAME]] [--out PATH]
var quick = args.Contains("--quick");
var only = Option("--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var output = Option("--out") ?? ResultsLocation.DefaultPath();

var settings = quick ? BenchmarkSettings.QuickRun : BenchmarkSettings.Full;
var benchmarks = AllBenchmarks.Create(settings).Where(b => only is null || only.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToList();
if (benchmarks.Count == 0)
{
    await Console.Error.WriteLineAsync($"no benchmark named {string.Join(",", only!)}; known: {string.Join(", ", AllBenchmarks.Create(settings).Select(b => b.Name))}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var runner = new BenchmarkRunner(benchmarks, TimeProvider.System, Console.Out);
var report = await runner.RunAsync(settings, cancel.Token);
report.Save(output);

Console.WriteLine();
Console.WriteLine(report.ToTable());
Console.WriteLine($"written to {output}");
return report.Errors.Count == 0 ? 0 : 1;

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
