namespace Rollout.Server.Upstream;

/// <summary>
/// Cancels a stream that has delivered nothing for <c>limit</c>, on the injected clock. A live stream
/// touches it with every message; it checks four times per limit, so it fires between one and one
/// and a quarter limits after the last message.
/// </summary>
internal sealed class IdleWatchdog : IDisposable
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _limit;
    private readonly CancellationTokenSource _cancel;
    private readonly ITimer _timer;
    private long _last;
    private int _fired;

    public IdleWatchdog(TimeProvider time, TimeSpan limit, CancellationTokenSource cancel)
    {
        _time = time;
        _limit = limit;
        _cancel = cancel;
        _last = time.GetTimestamp();
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, limit.Ticks / 4));
        _timer = time.CreateTimer(_ => Check(), null, period, period);
    }

    /// <summary>Whether it cancelled the stream.</summary>
    public bool Fired => Volatile.Read(ref _fired) == 1;

    /// <summary>A message arrived.</summary>
    public void Touch() => Volatile.Write(ref _last, _time.GetTimestamp());

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        if (_time.GetElapsedTime(Volatile.Read(ref _last)) < _limit || Interlocked.Exchange(ref _fired, 1) == 1) return;
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream ended as the check ran: nothing left to cancel.
        }
    }
}
