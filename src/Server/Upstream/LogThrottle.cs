namespace Rollout.Server.Upstream;

/// <summary>
/// Keeps a repeated log line from flooding: the first goes out at once, then at most one per
/// interval; the lines held back are counted so the next one that goes out (or <see cref="Flush"/>)
/// says how many there were.
/// </summary>
public sealed class LogThrottle(TimeSpan interval)
{
    private DateTimeOffset? _last;
    private long _held;

    /// <summary>Lines held back since the last one that went out.</summary>
    public long Held => _held;

    /// <summary>True when this line may go out; <paramref name="heldBack"/> is how many were held back before it.</summary>
    public bool Admit(DateTimeOffset now, out long heldBack)
    {
        if (_last is { } last && now - last < interval)
        {
            _held++;
            heldBack = 0;
            return false;
        }

        _last = now;
        heldBack = _held;
        _held = 0;
        return true;
    }

    /// <summary>True when lines were held back and the interval has passed (or <paramref name="force"/>): say how many, now.</summary>
    public bool Flush(DateTimeOffset now, out long heldBack, bool force = false)
    {
        heldBack = 0;
        if (_held == 0 || (!force && _last is { } last && now - last < interval)) return false;
        _last = now;
        heldBack = _held;
        _held = 0;
        return true;
    }
}
