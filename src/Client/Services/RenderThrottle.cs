namespace Rollout.Client.Services;

/// <summary>
/// Coalesces render requests: at most one render per interval. Deltas can arrive many times a frame;
/// the page need not draw each one. Even the first render is scheduled rather than run inline, so
/// decoding a batch and drawing the page are separate tasks on the browser's one thread.
/// </summary>
public sealed class RenderThrottle(TimeProvider time, Func<TimeSpan> interval, Action render) : IDisposable
{
    private readonly Lock _gate = new();

    public RenderThrottle(TimeProvider time, TimeSpan interval, Action render)
        : this(time, () => interval, render)
    {
    }

    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private ITimer? _timer;

    public void Request()
    {
        lock (_gate)
        {
            if (_timer is not null) return; // one already scheduled covers this request
            var wait = interval() - (time.GetUtcNow() - _last);
            _timer = time.CreateTimer(_ => Fire(), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            _last = time.GetUtcNow();
        }

        render();
    }

    public void Dispose()
    {
        lock (_gate) _timer?.Dispose();
    }
}
