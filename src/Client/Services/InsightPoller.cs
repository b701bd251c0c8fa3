namespace Rollout.Client.Services;

/// <summary>
/// Fetches something now and then every <c>every</c> on the injected clock, one fetch at a time: a tick
/// while a fetch is in flight is skipped, and a failed fetch (null) keeps the last value shown.
/// Ticks run through <c>dispatch</c> (a component's InvokeAsync) so the value changes on the renderer's thread.
/// </summary>
public sealed class InsightPoller<T> : IDisposable
    where T : class
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _every;
    private readonly Func<Task<T?>> _fetch;
    private readonly Func<Func<Task>, Task> _dispatch;
    private readonly Action _changed;
    private ITimer? _timer;
    private int _fetching;
    private bool _disposed;

    /// <param name="changed">Called after every fetch (on the dispatcher), whether it brought a value or failed.</param>
    public InsightPoller(TimeProvider time, TimeSpan every, Func<Task<T?>> fetch, Func<Func<Task>, Task> dispatch, Action changed)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(dispatch);
        ArgumentNullException.ThrowIfNull(changed);
        (_time, _every, _fetch, _dispatch, _changed) = (time, every, fetch, dispatch, changed);
    }

    /// <summary>The last value fetched; null until a fetch succeeds.</summary>
    public T? Latest { get; private set; }

    /// <summary>The latest fetch failed (what is shown may be stale).</summary>
    public bool Failed { get; private set; }

    /// <summary>Fetches started, for tests and diagnostics.</summary>
    public int Fetches { get; private set; }

    /// <summary>Fetches at once and starts the timer.</summary>
    public Task StartAsync()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _timer ??= _time.CreateTimer(_ => _ = _dispatch(PollAsync), null, _every, _every);
        return PollAsync();
    }

    /// <summary>One fetch, unless one is in flight.</summary>
    public async Task PollAsync()
    {
        if (_disposed || Interlocked.Exchange(ref _fetching, 1) == 1) return;
        try
        {
            Fetches++;
            var value = await _fetch();
            if (_disposed) return;
            Failed = value is null;
            if (value is not null) Latest = value;
            _changed();
        }
        finally
        {
            Volatile.Write(ref _fetching, 0);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
        _timer = null;
    }
}
