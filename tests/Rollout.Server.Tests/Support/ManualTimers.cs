using System.Threading.Channels;

namespace Rollout.Server.Tests.Support;

/// <summary>
/// A clock whose timers fire only when the test says: each timer created is handed to the test
/// (<see cref="Created"/>), so it knows the code is waiting and for how long.
/// </summary>
internal sealed class ManualTimers : TimeProvider
{
    private readonly Channel<Timer> _created = Channel.CreateUnbounded<Timer>();
    private int _count;

    public ChannelReader<Timer> Created => _created.Reader;

    /// <summary>Timers created so far.</summary>
    public int Count => Volatile.Read(ref _count);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(callback, state, dueTime);
        Interlocked.Increment(ref _count);
        _created.Writer.TryWrite(timer);
        return timer;
    }

    /// <summary>The next timer the code creates, waiting at most <paramref name="timeout"/>.</summary>
    public async Task<Timer> NextAsync(TimeSpan timeout) => await _created.Reader.ReadAsync().AsTask().WaitAsync(timeout);

    public sealed class Timer(TimerCallback callback, object? state, TimeSpan dueTime) : ITimer
    {
        private int _done;

        public TimeSpan DueTime => dueTime;

        /// <summary>Disposed (its wait was cancelled) or fired.</summary>
        public bool Done => Volatile.Read(ref _done) == 1;

        /// <summary>Fires it, unless it was disposed or fired already.</summary>
        public void Fire()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) callback(state);
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException();

        public void Dispose() => Interlocked.Exchange(ref _done, 1);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
