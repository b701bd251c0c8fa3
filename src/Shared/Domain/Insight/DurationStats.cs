namespace Rollout.Domain.Insight;

/// <summary>Low, expected and high of one duration, in ms.</summary>
internal readonly record struct Spread(double Low, double Expected, double High)
{
    public static Spread Zero => default;

    public static Spread Exactly(double ms) => new(ms, ms, ms);

    public Spread Plus(Spread other) => new(Low + other.Low, Expected + other.Expected, High + other.High);

    public Spread Max(Spread other) => new(Math.Max(Low, other.Low), Math.Max(Expected, other.Expected), Math.Max(High, other.High));
}

/// <summary>Empirical quantiles over a sorted sample.</summary>
internal static class DurationStats
{
    /// <summary>Below this many observations the range is the sample's min..max; from it on, the 10th..90th percentile.</summary>
    public const int FewSamples = 5;

    /// <summary>Linear interpolation between order statistics (type 7, as spreadsheets compute it).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q) => Quantile(sorted, 0, sorted.Count, q);

    /// <summary>The quantile of the sorted run sorted[start..start+count).</summary>
    private static double Quantile(IReadOnlyList<double> sorted, int start, int count, double q)
    {
        if (count <= 0) return 0;
        var position = Math.Clamp(q, 0, 1) * (count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(count - 1, below + 1);
        return sorted[start + below] + ((position - below) * (sorted[start + above] - sorted[start + below]));
    }

    /// <summary>
    /// The spread of what the draws longer than <paramref name="elapsed"/> took beyond it: how much longer
    /// something that has lasted this long will last. Null when no draw lasted that long.
    /// </summary>
    public static Spread? Beyond(List<double> sorted, double elapsed)
    {
        var lo = 0;
        var hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= elapsed) lo = mid + 1;
            else hi = mid;
        }

        var count = sorted.Count - lo;
        if (count == 0) return null;
        var spread = count < FewSamples
            ? new Spread(sorted[lo], Quantile(sorted, lo, count, 0.5), sorted[^1])
            : new Spread(Quantile(sorted, lo, count, 0.1), Quantile(sorted, lo, count, 0.5), Quantile(sorted, lo, count, 0.9));
        return new Spread(spread.Low - elapsed, spread.Expected - elapsed, spread.High - elapsed);
    }

    public static double Median(IReadOnlyList<double> sorted) => Quantile(sorted, 0.5);

    /// <summary>The spread of one draw: min/median/max of a few observations, 10th/50th/90th percentile of more.</summary>
    public static Spread Of(IReadOnlyList<double> sorted)
    {
        if (sorted.Count == 0) return Spread.Zero;
        return sorted.Count < FewSamples
            ? new Spread(sorted[0], Median(sorted), sorted[^1])
            : new Spread(Quantile(sorted, 0.1), Median(sorted), Quantile(sorted, 0.9));
    }

    /// <summary>
    /// The slowest of <paramref name="n"/> independent draws from the sample: a batch lasts as long as
    /// its slowest instance. Its q-quantile is the sample's q^(1/n)-quantile, and its mean weighs each
    /// order statistic by the chance it is the maximum ((i/m)^n - ((i-1)/m)^n).
    /// </summary>
    public static Spread SlowestOf(IReadOnlyList<double> sorted, int n)
    {
        if (sorted.Count == 0) return Spread.Zero;
        n = Math.Max(1, n);
        var (lowQ, highQ) = sorted.Count < FewSamples ? (0.0, 1.0) : (0.1, 0.9);
        double expected = 0;
        double previous = 0;
        for (var i = 1; i <= sorted.Count; i++)
        {
            var cdf = Math.Pow((double)i / sorted.Count, n);
            expected += sorted[i - 1] * (cdf - previous);
            previous = cdf;
        }

        return new Spread(Quantile(sorted, Math.Pow(lowQ, 1.0 / n)), expected, Quantile(sorted, Math.Pow(highQ, 1.0 / n)));
    }

    public static List<double> Sorted(IEnumerable<long> values)
    {
        var list = values.Select(v => (double)v).ToList();
        list.Sort();
        return list;
    }
}
