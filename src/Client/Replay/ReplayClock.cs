namespace Rollout.Client.Replay;

/// <summary>
/// The position of a replay in the recording's own time: it moves at <see cref="Speed"/> times real
/// time while playing, stops at the end, and can be paused, sped up or moved anywhere between
/// <see cref="Start"/> and <see cref="End"/>. Every change re-anchors on the real clock, so a speed
/// change never jumps the position.
/// </summary>
public sealed class ReplayClock
{
    public static readonly IReadOnlyList<double> Speeds = [1, 2, 5, 10, 25, 50, 100];

    private readonly TimeProvider _time;
    private DateTimeOffset _anchor;
    private long _anchoredAt;
    private bool _playing;

    public ReplayClock(TimeProvider time, DateTimeOffset start, DateTimeOffset end)
    {
        if (end < start) throw new ArgumentException("a recording cannot end before it starts", nameof(end));
        _time = time;
        Start = start;
        End = end;
        _anchor = start;
        _anchoredAt = time.GetTimestamp();
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public double Speed { get; private set; } = 1;

    /// <summary>True while the position moves; false once paused or at the end.</summary>
    public bool Playing => _playing && Position < End;

    public DateTimeOffset Position
    {
        get
        {
            if (!_playing) return _anchor;
            var moved = _anchor + (_time.GetElapsedTime(_anchoredAt) * Speed);
            return moved < End ? moved : End;
        }
    }

    public void Play()
    {
        if (Position >= End) Reanchor(Start);
        else Reanchor(Position);
        _playing = true;
    }

    public void Pause()
    {
        Reanchor(Position);
        _playing = false;
    }

    public void Seek(DateTimeOffset to) => Reanchor(to < Start ? Start : to > End ? End : to);

    public void SetSpeed(double speed)
    {
        if (!Speeds.Contains(speed)) throw new ArgumentOutOfRangeException(nameof(speed), speed, $"speeds are {string.Join(", ", Speeds)}");
        Reanchor(Position);
        Speed = speed;
    }

    private void Reanchor(DateTimeOffset at)
    {
        _anchor = at;
        _anchoredAt = _time.GetTimestamp();
    }
}
