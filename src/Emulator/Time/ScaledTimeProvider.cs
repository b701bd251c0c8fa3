namespace Rollout.Emulator.Time;

/// <summary>
/// Real time sped up by a factor, for demos: a minute of scenario passes in 60/speed real seconds.
/// Timers are scaled the same way, so everything built on TimeProvider just runs faster.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly DateTimeOffset _origin;
    private readonly long _originTimestamp;

    public ScaledTimeProvider(TimeProvider inner, double speed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(speed, 0);
        _inner = inner;
        Speed = speed;
        _origin = inner.GetUtcNow();
        _originTimestamp = inner.GetTimestamp();
    }

    public double Speed { get; }

    public override DateTimeOffset GetUtcNow() =>
        _origin + (_inner.GetElapsedTime(_originTimestamp) * Speed);

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_inner.CreateTimer(callback, state, Scale(dueTime), Scale(period)), this);

    /// <summary>
    /// Timers count whole milliseconds and drop a fraction, so a sped-up wait of 0.7 ms would fire at
    /// once, before its instant, find nothing due and re-arm. Waits are rounded up instead: at high
    /// speed every action due within the same millisecond then runs in one catch-up.
    /// </summary>
    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromMilliseconds(Math.Ceiling((span / Speed).TotalMilliseconds));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Scale(dueTime), owner.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
