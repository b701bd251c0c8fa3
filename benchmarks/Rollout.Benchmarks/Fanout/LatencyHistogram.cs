namespace Rollout.Benchmarks.Fanout;

/// <summary>
/// Delays in bins (10 µs up to 100 ms, 1 ms beyond, up to a minute), recorded from many client
/// threads at once without a lock: millions of receipts fit in a fixed array, and percentiles come
/// out exact to the bin.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double FineMs = 0.01;
    private const double CoarseMs = 1;
    private const double FineUpToMs = 100;
    private const double MaxMs = 60_000;
    private const int FineBins = (int)(FineUpToMs / FineMs);

    private readonly long[] _bins = new long[FineBins + (int)((MaxMs - FineUpToMs) / CoarseMs) + 1];

    public void Record(double milliseconds)
    {
        var bin = milliseconds switch
        {
            <= 0 => 0,
            < FineUpToMs => (int)(milliseconds / FineMs),
            _ => (int)Math.Min(_bins.Length - 1, FineBins + ((milliseconds - FineUpToMs) / CoarseMs)),
        };
        Interlocked.Increment(ref _bins[bin]);
    }

    public long Count => _bins.Sum();

    /// <summary>The delay below which <paramref name="fraction"/> of the receipts fall (the middle of its bin); 0 when empty.</summary>
    public double Percentile(double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        var count = Count;
        if (count == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(fraction * count));
        long seen = 0;
        for (var bin = 0; bin < _bins.Length; bin++)
        {
            seen += Volatile.Read(ref _bins[bin]);
            if (seen >= rank) return Middle(bin);
        }

        return Middle(_bins.Length - 1);
    }

    private static double Middle(int bin) => bin < FineBins ? (bin + 0.5) * FineMs : FineUpToMs + ((bin - FineBins + 0.5) * CoarseMs);
}
