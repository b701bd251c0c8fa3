using Rollout.Client.Services;
using Rollout.Domain.Insight;

namespace Rollout.Client.Replay;

/// <summary>
/// One held recording being replayed: a <see cref="ReplayClock"/> over its span and the insight at the
/// clock's position, fetched from the server. While playing it ticks every <see cref="Tick"/> of real
/// time; at most one fetch is in flight, and a fetch that returns while the position has moved on is
/// followed by one more at the new position (never a queue). A failed fetch keeps the last view.
/// </summary>
public sealed class ReplaySession : IDisposable
{
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    /// <summary>After a failed fetch while paused (the hub still connecting, or reconnecting), the next try.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private readonly IInsightService _insight;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private bool _fetching;
    private bool _again;
    private DateTimeOffset? _fetchedAt;
    private bool _disposed;

    public ReplaySession(ReplayInfo info, IInsightService insight, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(info);
        Info = info;
        _insight = insight;
        _time = time;
        Clock = new ReplayClock(time, info.Start, info.End);
        _timer = time.CreateTimer(_ => Ticked?.Invoke(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public ReplayInfo Info { get; }

    public ReplayClock Clock { get; }

    /// <summary>The insight at the latest position fetched; null until the first fetch answers.</summary>
    public InsightView? View { get; private set; }

    /// <summary>The last fetch failed; the view shown is older than the position.</summary>
    public bool FetchFailed { get; private set; }

    /// <summary>Real-time ticks while playing: the page calls <see cref="RefreshAsync"/> on its own thread.</summary>
    public event Action? Ticked;

    /// <summary>The position as an offset from the recording's start.</summary>
    public TimeSpan Offset => Clock.Position - Clock.Start;

    public TimeSpan Duration => Clock.End - Clock.Start;

    public Task PlayAsync()
    {
        Clock.Play();
        _timer.Change(Tick, Tick);
        return RefreshAsync();
    }

    public void Pause()
    {
        Clock.Pause();
        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public Task TogglePlayAsync()
    {
        if (Clock.Playing)
        {
            Pause();
            return Task.CompletedTask;
        }

        return PlayAsync();
    }

    public Task SeekAsync(TimeSpan offset)
    {
        Clock.Seek(Clock.Start + offset);
        return RefreshAsync();
    }

    public Task StepAsync(TimeSpan by) => SeekAsync(Offset + by);

    public void SetSpeed(double speed) => Clock.SetSpeed(speed);

    /// <summary>
    /// Fetches the insight at the position unless it is already shown. Called while a fetch is in
    /// flight, it only asks that one for one more fetch when it is done. Stops ticking at the end.
    /// </summary>
    public async Task RefreshAsync()
    {
        if (!Clock.Playing) _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (_fetching)
        {
            _again = true;
            return;
        }

        _fetching = true;
        try
        {
            do
            {
                _again = false;
                var at = Clock.Position;
                if (at == _fetchedAt || _disposed) break;
                var view = await _insight.GetReplayInsightAsync(Info.Id, at);
                FetchFailed = view is null;
                if (view is null)
                {
                    if (!Clock.Playing) _timer.Change(RetryAfter, Timeout.InfiniteTimeSpan); // playing: the next tick tries again
                    break;
                }

                View = view;
                _fetchedAt = at;
            }
            while (_again);
        }
        finally
        {
            _fetching = false;
        }
    }

    /// <summary>One batch's bars at the position shown.</summary>
    public Task<TimelineDetail?> LoadDetailAsync(int batchIndex) =>
        _insight.GetReplayTimelineDetailAsync(Info.Id, View?.AsOf ?? Clock.Position, batchIndex);

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
