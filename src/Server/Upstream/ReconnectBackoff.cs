namespace Rollout.Server.Upstream;

/// <summary>
/// Delays between reconnect attempts: doubling from <paramref name="initial"/>, capped at
/// <paramref name="max"/>, each jittered by ±20% so many dashboards do not reconnect in step.
/// Only a connection that held for <paramref name="resetAfter"/> starts the delays over
/// (<see cref="AfterFailure"/>): a snapshot or a few events are no proof of health, so an upstream
/// that answers and dies again and again is still slowed down.
/// </summary>
public sealed class ReconnectBackoff(TimeSpan initial, TimeSpan max, Random random, TimeSpan resetAfter)
{
    /// <summary>The first delay after a failure.</summary>
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay: an upstream down for long is tried about six times a minute.</summary>
    public static readonly TimeSpan DefaultMax = TimeSpan.FromSeconds(10);

    /// <summary>A connection that held this long was healthy: the next failure starts the delays over.</summary>
    public static readonly TimeSpan DefaultResetAfter = TimeSpan.FromSeconds(60);

    private int _failures;

    public ReconnectBackoff(TimeSpan initial, TimeSpan max, Random random)
        : this(initial, max, random, DefaultResetAfter)
    {
    }

    /// <summary>Attempts since the delays last started over.</summary>
    public int Failures => _failures;

    /// <summary>The delay after a failure; <paramref name="connectedFor"/> is how long the failed connection held (null: it never connected).</summary>
    public TimeSpan AfterFailure(TimeSpan? connectedFor)
    {
        if (connectedFor >= resetAfter) Reset();
        return Next();
    }

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
