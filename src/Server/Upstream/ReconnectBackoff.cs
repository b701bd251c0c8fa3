namespace Rollout.Server.Upstream;

/// <summary>
/// Delays between reconnect attempts: doubling from <paramref name="initial"/>, capped at
/// <paramref name="max"/>, each jittered by ±20% so many dashboards do not reconnect in step.
/// <see cref="Reset"/> on progress.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Random random)
{
    private int _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var delay = Math.Min(max.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = delay * (0.8 + (0.4 * random.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, jittered));
    }

    public void Reset() => _failures = 0;
}
