namespace Rollout.Benchmarks.Harness;

internal static class Rounds
{
    /// <summary>The median: one slow round (a GC, a neighbour on the shared machine) does not move it.</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no values", nameof(values));
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
