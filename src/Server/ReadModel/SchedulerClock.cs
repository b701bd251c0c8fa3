using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>
/// The scheduler's clock, estimated from its newest event and the time since it arrived. Countdowns
/// run on it, so a scheduler whose clock differs from ours (or runs in scaled time) still counts right.
/// </summary>
internal sealed class SchedulerClock(TimeProvider time)
{
    private static readonly TimeSpan Absurd = TimeSpan.FromDays(1);

    private DateTimeOffset? _latest;
    private DateTimeOffset _latestReceived;

    public DateTimeOffset Now => At(time.GetUtcNow());

    /// <summary>How far the scheduler's clock is ahead of the server's (negative: behind).</summary>
    public long AheadMs => _latest is { } latest ? (long)(latest - _latestReceived).TotalMilliseconds : 0;

    /// <summary>
    /// The clock follows the newest event. One absurd timestamp (a day past the estimate) must not
    /// drag every countdown with it; an event a day behind means the anchor itself was wrong (or the
    /// scheduler restarted), so it re-anchors.
    /// </summary>
    /// <param name="now">Our clock as the event arrived: one reading serves events that arrived together.</param>
    public void Observe(DateTimeOffset? eventTime, DateTimeOffset now)
    {
        if (eventTime is not { } at) return;
        var ahead = _latest is null ? TimeSpan.Zero : at - At(now);
        if (ahead > Absurd || (ahead < TimeSpan.Zero && ahead >= -Absurd)) return;
        _latest = at;
        _latestReceived = now;
    }

    private DateTimeOffset At(DateTimeOffset now) => _latest is { } latest ? latest.SaturatingAdd(now - _latestReceived) : now;

    /// <summary>A (possibly restarted) scheduler re-anchors the clock.</summary>
    public void Reset() => _latest = null;
}
