namespace Rollout.Domain.Insight;

/// <summary>
/// The stretches an active update was not rolling (paused, awaiting a pulse). Durations that matter
/// for an estimate are rolling time, so they are measured net of these. Intervals only ever append.
/// </summary>
internal sealed class Suspensions
{
    private readonly List<long> _from = [];
    private readonly List<long> _to = [];
    // Suspended ticks before interval i began, so any "suspended before t" is one binary search.
    private readonly List<long> _before = [];
    private long? _openFrom;

    public bool IsSuspended => _openFrom is not null;

    public DateTimeOffset? Since => _openFrom is { } from ? new DateTimeOffset(from, TimeSpan.Zero) : null;

    public void Suspend(DateTimeOffset at) => _openFrom ??= at.UtcTicks;

    public void Resume(DateTimeOffset at)
    {
        if (_openFrom is not { } from) return;
        var to = Math.Max(from, at.UtcTicks);
        _before.Add(_from.Count == 0 ? 0 : _before[^1] + (_to[^1] - _from[^1]));
        _from.Add(from);
        _to.Add(to);
        _openFrom = null;
    }

    /// <summary>Suspended time between <paramref name="a"/> and <paramref name="b"/>, an open suspension counted up to <paramref name="b"/>.</summary>
    public TimeSpan Within(DateTimeOffset a, DateTimeOffset b) =>
        b <= a ? TimeSpan.Zero : TimeSpan.FromTicks(Before(b.UtcTicks) - Before(a.UtcTicks));

    /// <summary>Rolling time between the two instants.</summary>
    public TimeSpan Active(DateTimeOffset a, DateTimeOffset b) => b <= a ? TimeSpan.Zero : (b - a) - Within(a, b);

    /// <summary>Total suspended ticks before <paramref name="t"/>.</summary>
    private long Before(long t)
    {
        long total = 0;
        var lo = 0;
        var hi = _from.Count - 1;
        var last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_from[mid] < t)
            {
                last = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (last >= 0) total = _before[last] + (Math.Min(t, _to[last]) - _from[last]);
        if (_openFrom is { } open && t > open) total += t - open;
        return total;
    }
}
