namespace Rollout.Server.Tests.Properties;

/// <summary>
/// The system clock, except that one-shot waits in the reconnect backoff's range (100 ms to 10 s)
/// last 10 ms: a case cuts the upstream many times, and the backoff only starts over after a
/// connection held for a minute. Shorter waits (flushes) and longer ones (stale-after, 60 s) are kept.
/// </summary>
internal sealed class QuickRetries(TimeProvider inner) : TimeProvider
{
    private static readonly TimeSpan From = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan To = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Quick = TimeSpan.FromMilliseconds(10);

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, period == Timeout.InfiniteTimeSpan && dueTime >= From && dueTime <= To ? Quick : dueTime, period);
}
