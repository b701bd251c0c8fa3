namespace Rollout.Client.Services;

/// <summary>
/// Coalesces render requests: at most one render per interval, the first at once. Deltas can arrive
/// many times a frame; the page need not draw each one.
/// </summary>
public sealed class RenderThrottle(TimeProvider time, TimeSpan interval, Action render) : IDisposable
{
    private readonly Lock _gate = new();
    private DateTimeOffset _last = DateTimeOffset.MinValue;
    private ITimer? _timer;

    public void Request()
    {
        lock (_gate)
        {
            if (_timer is not null) return; // one already scheduled covers this request
            var wait = interval - (time.GetUtcNow() - _last);
            if (wait <= TimeSpan.Zero)
            {
                _last = time.GetUtcNow();
            }
            else
            {
                _timer = time.CreateTimer(_ => Fire(), null, wait, Timeout.InfiniteTimeSpan);
                return;
            }
        }

        render();
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
