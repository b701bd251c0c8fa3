using Rollout.Domain.Streams;

namespace Rollout.Emulator.Events;

public enum ReadResult
{
    /// <summary>Events (possibly none yet) follow the cursor without a gap.</summary>
    Ok,

    /// <summary>Events after the cursor are no longer retained: the reader needs a snapshot.</summary>
    Gap,
}

/// <summary>
/// A bounded, append-only log of events numbered 1, 2, 3... within one epoch. The oldest events
/// are dropped past the capacity; readers that fall behind them learn so (<see cref="ReadResult.Gap"/>).
/// </summary>
public sealed class EventLog<T>
{
    private readonly Lock _lock = new();
    private readonly (long Sequence, T Item)[] _ring;
    private long _head;
    /// <summary>Created only while a reader waits, so an append with nobody waiting allocates nothing.</summary>
    private TaskCompletionSource? _appended;

    public EventLog(string epoch, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Epoch = epoch;
        _ring = new (long, T)[capacity];
    }

    public string Epoch { get; }

    public long Head
    {
        get
        {
            lock (_lock) return _head;
        }
    }

    /// <summary>The oldest sequence still retained (Head + 1 when empty).</summary>
    public long Oldest
    {
        get
        {
            lock (_lock) return OldestUnlocked;
        }
    }

    private long OldestUnlocked => Math.Max(1, _head - _ring.Length + 1);

    public long Append(T item)
    {
        TaskCompletionSource? signal;
        long sequence;
        lock (_lock)
        {
            sequence = ++_head;
            _ring[sequence % _ring.Length] = (sequence, item);
            signal = _appended;
            _appended = null;
        }

        signal?.TrySetResult();
        return sequence;
    }

    /// <summary>True when every event after <paramref name="sequence"/> is still here.</summary>
    public bool CanResumeAfter(long sequence)
    {
        lock (_lock) return sequence <= _head && sequence >= OldestUnlocked - 1;
    }

    /// <summary>Copies up to <paramref name="max"/> events after <paramref name="after"/> into <paramref name="into"/>.</summary>
    public ReadResult ReadAfter(long after, int max, List<LiveEvent<T>> into)
    {
        into.Clear();
        lock (_lock)
        {
            if (after > _head || after < OldestUnlocked - 1) return ReadResult.Gap;
            for (var sequence = after + 1; sequence <= _head && into.Count < max; sequence++)
            {
                var (_, item) = _ring[sequence % _ring.Length];
                into.Add(new LiveEvent<T>(new StreamPosition(Epoch, sequence), item));
            }

            return ReadResult.Ok;
        }
    }

    /// <summary>Completes once an event after <paramref name="after"/> exists.</summary>
    public Task WaitForEventAfterAsync(long after, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_head > after) return Task.CompletedTask;
            _appended ??= NewSignal();
            return _appended.Task.WaitAsync(cancellationToken);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
