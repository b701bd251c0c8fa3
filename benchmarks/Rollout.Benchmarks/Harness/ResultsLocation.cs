namespace Rollout.Benchmarks.Harness;

/// <summary>artifacts/benchmarks/results.json under the repository root, the folder holding Dashboard.sln.</summary>
internal static class ResultsLocation
{
    public const string SolutionFile = "Dashboard.sln";

    public static string DefaultPath()
    {
        // The build output sits inside the repository whatever folder the run started from.
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException($"no {SolutionFile} above {AppContext.BaseDirectory} or the current folder; pass --out");
        return Path.Combine(root, "artifacts", "benchmarks", "results.json");
    }

    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile))) return dir.FullName;
        }

        return null;
    }
}
