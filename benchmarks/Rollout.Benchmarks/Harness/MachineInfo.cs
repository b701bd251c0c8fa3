using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Rollout.Benchmarks.Harness;

/// <summary>What the figures were measured on: they only compare within one machine.</summary>
internal static class MachineInfo
{
    public static JsonObject Describe() => new()
    {
        ["processor_count"] = Environment.ProcessorCount,
        ["os"] = RuntimeInformation.OSDescription,
        ["architecture"] = RuntimeInformation.OSArchitecture.ToString(),
        ["dotnet"] = RuntimeInformation.FrameworkDescription,
        ["server_gc"] = GCSettings.IsServerGC,
        ["load_average"] = LoadAverage(),
    };

    /// <summary>The machine is shared: a busy neighbour explains a slow run (Linux only; null elsewhere).</summary>
    private static string? LoadAverage()
    {
        const string LoadAvg = "/proc/loadavg";
        return File.Exists(LoadAvg) ? string.Join(' ', File.ReadAllText(LoadAvg).Split(' ').Take(3)) : null;
    }
}
