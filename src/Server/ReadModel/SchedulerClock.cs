using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>
/// The scheduler's clock, estimated from its newest event and the time since it arrived. Countdowns
/// run on it, so a scheduler whose clock differs from ours (or runs in scaled time) still counts right.
/// </summary>
internal sealed class SchedulerClock(TimeProvider time)
{
    private static readonly TimeSpan Absurd = TimeSpan.FromDays(1);

    /// <summary>An event this far behind the estimate is either late or from a clock that stepped back; less is transit jitter.</summary>
    internal static readonly TimeSpan StepTolerance = TimeSpan.FromSeconds(2);

    /// <summary>How long events must keep saying the clock stepped back (on our clock) before it is believed.</summary>
    internal static readonly TimeSpan StepConfirmedAfter = TimeSpan.FromSeconds(1);

    private DateTimeOffset? _latest;
    private DateTimeOffset _latestReceived;

    /// <summary>Events behind the estimate that agree with each other: how far behind, and since when (our clock).</summary>
    private (TimeSpan Offset, DateTimeOffset Since)? _behind;

    public DateTimeOffset Now => At(time.GetUtcNow());

    /// <summary>How far the scheduler's clock is ahead of the server's (negative: behind).</summary>
    public long AheadMs => _latest is { } latest ? (long)(latest - _latestReceived).TotalMilliseconds : 0;

    /// <summary>
    /// The clock follows the newest event. One absurd timestamp (a day past the estimate) must not
    /// drag every countdown with it; an event a day behind means the anchor itself was wrong (or the
    /// scheduler restarted), so it re-anchors. An event a little behind is a late one and moves
    /// nothing; but when events keep arriving behind by the same amount for
    /// <see cref="StepConfirmedAfter"/> the scheduler's clock stepped back (a failover to a host whose
    /// clock is behind, an NTP step), and the estimate follows it: otherwise every new countdown
    /// would read "elapsed" until the new clock caught up with the old one.
    /// </summary>
    /// <param name="now">Our clock as the event arrived: one reading serves events that arrived together.</param>
    public void Observe(DateTimeOffset? eventTime, DateTimeOffset now)
    {
        if (eventTime is not { } at) return;
        if (_latest is null)
        {
            Anchor(at, now);
            return;
        }

        var ahead = at - At(now);
        if (ahead > Absurd) return;
        if (ahead >= TimeSpan.Zero || ahead < -Absurd)
        {
            Anchor(at, now);
            return;
        }

        if (ahead >= -StepTolerance)
        {
            _behind = null; // in step with the estimate: whatever was behind was late
            return;
        }

        var offset = at - now;
        if (_behind is not { } behind || (offset - behind.Offset).Duration() > StepTolerance)
        {
            _behind = (offset, now);
        }
        else if (now - behind.Since >= StepConfirmedAfter)
        {
            Anchor(at, now);
        }
    }

    private void Anchor(DateTimeOffset at, DateTimeOffset now)
    {
        _latest = at;
        _latestReceived = now;
        _behind = null;
    }

    private DateTimeOffset At(DateTimeOffset now) => _latest is { } latest ? latest.SaturatingAdd(now - _latestReceived) : now;

    /// <summary>A (possibly restarted) scheduler re-anchors the clock.</summary>
    public void Reset()
    {
        _latest = null;
        _behind = null;
    }
}
