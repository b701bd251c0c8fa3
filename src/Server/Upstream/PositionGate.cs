using Rollout.Domain.Streams;

namespace Rollout.Server.Upstream;

/// <summary>What a live event's position means against the last position accepted.</summary>
public enum EventVerdict
{
    Accept,

    /// <summary>The sequence last accepted, again.</summary>
    Duplicate,

    /// <summary>A sequence below the one last accepted.</summary>
    Backwards,

    /// <summary>Another epoch than the one held: an old log's event, or a new log's without the snapshot it needs first.</summary>
    OtherEpoch,
}

/// <summary>What an upstream snapshot's position means for the state held.</summary>
public enum SnapshotVerdict
{
    /// <summary>Nothing held yet, or another epoch: the snapshot replaces everything.</summary>
    NewEpoch,

    /// <summary>The epoch held, at or past the position held: merged, so only what differs changes.</summary>
    SameEpoch,

    /// <summary>The epoch held but behind the position held: refused, as the position never moves backwards.</summary>
    Behind,
}

/// <summary>
/// Decides which upstream positions are accepted. Sequences strictly increase within an epoch and a
/// new epoch begins with a snapshot, so anything else is refused rather than moving the position back.
/// </summary>
public static class PositionGate
{
    public static EventVerdict Judge(StreamPosition held, StreamPosition next)
    {
        if (held.Epoch.Length == 0) return EventVerdict.Accept;
        if (!string.Equals(next.Epoch, held.Epoch, StringComparison.Ordinal)) return EventVerdict.OtherEpoch;
        if (next.Sequence == held.Sequence) return EventVerdict.Duplicate;
        return next.Sequence < held.Sequence ? EventVerdict.Backwards : EventVerdict.Accept;
    }

    public static SnapshotVerdict JudgeSnapshot(StreamPosition held, StreamPosition at)
    {
        if (held.Epoch.Length == 0 || !string.Equals(at.Epoch, held.Epoch, StringComparison.Ordinal)) return SnapshotVerdict.NewEpoch;
        return at.Sequence < held.Sequence ? SnapshotVerdict.Behind : SnapshotVerdict.SameEpoch;
    }

    /// <summary>Why an event was refused, for the banner and the log.</summary>
    public static string Describe(EventVerdict verdict, StreamPosition held, StreamPosition next) => verdict switch
    {
        EventVerdict.Duplicate => $"duplicate event {next} refused",
        EventVerdict.Backwards => $"event {next} refused: its sequence goes back from {held}",
        EventVerdict.OtherEpoch => $"event {next} refused: not the epoch held ({held.Epoch})",
        _ => $"event {next} accepted",
    };
}
