namespace Rollout.Emulator.Engine;

/// <summary>
/// The discrete-event agenda: actions ordered by their due instant, then by insertion. Each action
/// runs with <see cref="Now"/> set to its own instant, whatever moment the real clock is read, so a
/// seed gives the same event log under real, scaled or fake time. Not thread-safe: the engine's lock
/// guards it.
/// </summary>
/// <remarks>
/// A rollout's actions crowd onto few instants (a batch of 500 starts at once, its checks follow at
/// fixed intervals), so actions are kept in one first-in-first-out bucket per instant and only the
/// instants are heap-ordered: most inserts and takes touch a queue, not the heap. An action added for
/// an instant whose bucket is being drained joins its end, after everything added before it.
/// </remarks>
internal sealed class Agenda(DateTimeOffset start)
{
    private readonly PriorityQueue<long, long> _instants = new();
    private readonly Dictionary<long, Queue<Action>> _buckets = [];
    private readonly Stack<Queue<Action>> _spare = new();

    /// <summary>The instant of the action running now, or the latest instant caught up to.</summary>
    public DateTimeOffset Now { get; private set; } = start;

    public void After(TimeSpan delay, Action action)
    {
        var at = (Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay)).UtcTicks;
        if (!_buckets.TryGetValue(at, out var bucket))
        {
            bucket = _spare.TryPop(out var spare) ? spare : new Queue<Action>();
            _buckets[at] = bucket;
            _instants.Enqueue(at, at);
        }

        bucket.Enqueue(action);
    }

    public void AfterSecs(double seconds, Action action) => After(TimeSpan.FromSeconds(seconds), action);

    /// <summary>Takes the next action due by <paramref name="target"/> and moves <see cref="Now"/> to its instant.</summary>
    public bool TryTakeDue(DateTimeOffset target, out Action action)
    {
        if (!_instants.TryPeek(out var at, out _) || at > target.UtcTicks)
        {
            action = null!;
            return false;
        }

        var bucket = _buckets[at];
        action = bucket.Dequeue();
        if (bucket.Count == 0)
        {
            _instants.Dequeue();
            _buckets.Remove(at);
            _spare.Push(bucket);
        }

        Now = new DateTimeOffset(at, TimeSpan.Zero);
        return true;
    }

    /// <summary>Moves <see cref="Now"/> forward to <paramref name="target"/> once nothing earlier is due.</summary>
    public void CatchUpTo(DateTimeOffset target)
    {
        if (target > Now) Now = target;
    }

    public DateTimeOffset? NextDue => _instants.TryPeek(out var at, out _) ? new DateTimeOffset(at, TimeSpan.Zero) : null;
}
