namespace Rollout.Domain.Streams;

/// <summary>Where a stream stands: the upstream log's epoch and the last sequence seen in it.</summary>
public sealed record StreamPosition(string Epoch, long Sequence)
{
    public static StreamPosition None { get; } = new(string.Empty, 0);

    public override string ToString() => $"{Epoch}:{Sequence}";
}

/// <summary>
/// One message of a resumable event stream. A snapshot (begin, items, end) replaces the
/// subscriber's state; live events follow in sequence order.
/// </summary>
public abstract record StreamItem<T>;

public sealed record SnapshotBegin<T>(StreamPosition Position, int ItemCount, string Reason) : StreamItem<T>;

public sealed record SnapshotItem<T>(T Item) : StreamItem<T>;

public sealed record SnapshotEnd<T>(StreamPosition Position) : StreamItem<T>;

public sealed record LiveEvent<T>(StreamPosition Position, T Item) : StreamItem<T>;
