using Rollout.Domain.Dashboard;

namespace Rollout.Client.Services;

/// <summary>
/// The one clock of the page: the server's and the scheduler's time as seen from this browser, and a
/// single one-second tick that drives every countdown and age. The server never ticks for them.
/// </summary>
public sealed class DashboardClock(TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private TimeSpan _serverAhead;
    private long _schedulerAheadMs;
    private ITimer? _timer;
    private Action? _tick;

    /// <summary>The server's clock, from the offset measured at the latest sync.</summary>
    public DateTimeOffset ServerNow => time.GetUtcNow() + _serverAhead;

    /// <summary>The scheduler's clock (as the server estimates it): the one deadlines are on.</summary>
    public DateTimeOffset SchedulerNow => ServerNow.AddMilliseconds(_schedulerAheadMs);

    /// <summary>Whether the one-second timer runs (someone listens).</summary>
    internal bool Ticking
    {
        get
        {
            lock (_gate) return _timer is not null;
        }
    }

    /// <summary>Once a second while anyone listens.</summary>
    public event Action? Tick
    {
        add
        {
            lock (_gate)
            {
                _tick += value;
                _timer ??= time.CreateTimer(_ => _tick?.Invoke(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            }
        }

        remove
        {
            lock (_gate)
            {
                _tick -= value;
                if (_tick is not null) return;
                _timer?.Dispose();
                _timer = null;
            }
        }
    }

    public void Sync(ClockSync sync)
    {
        _serverAhead = sync.ServerNow - time.GetUtcNow();
        _schedulerAheadMs = sync.SchedulerAheadMs;
    }

    public void Dispose() => _timer?.Dispose();
}
