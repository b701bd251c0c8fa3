namespace Rollout.Emulator.Engine;

/// <summary>
/// The discrete-event agenda: actions ordered by their due instant, then by insertion. Each action
/// runs with <see cref="Now"/> set to its own instant, whatever moment the real clock is read, so a
/// seed gives the same event log under real, scaled or fake time. Not thread-safe: the engine's lock
/// guards it.
/// </summary>
internal sealed class Agenda(DateTimeOffset start)
{
    private readonly PriorityQueue<Action, (long Ticks, long Order)> _queue = new();
    private long _order;

    /// <summary>The instant of the action running now, or the latest instant caught up to.</summary>
    public DateTimeOffset Now { get; private set; } = start;

    public int Count => _queue.Count;

    public void After(TimeSpan delay, Action action)
    {
        var at = Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        _queue.Enqueue(action, (at.UtcTicks, _order++));
    }

    public void AfterSecs(double seconds, Action action) => After(TimeSpan.FromSeconds(seconds), action);

    /// <summary>Takes the next action due by <paramref name="target"/> and moves <see cref="Now"/> to its instant.</summary>
    public bool TryTakeDue(DateTimeOffset target, out Action action)
    {
        if (_queue.TryPeek(out action!, out var key) && key.Ticks <= target.UtcTicks)
        {
            _queue.Dequeue();
            Now = new DateTimeOffset(key.Ticks, TimeSpan.Zero);
            return true;
        }

        return false;
    }

    /// <summary>Moves <see cref="Now"/> forward to <paramref name="target"/> once nothing earlier is due.</summary>
    public void CatchUpTo(DateTimeOffset target)
    {
        if (target > Now) Now = target;
    }

    public DateTimeOffset? NextDue => _queue.TryPeek(out _, out var key) ? new DateTimeOffset(key.Ticks, TimeSpan.Zero) : null;
}
