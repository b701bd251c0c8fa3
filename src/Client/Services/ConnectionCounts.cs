namespace Rollout.Client.Services;

/// <summary>Why a snapshot was taken.</summary>
public enum SnapshotReason
{
    /// <summary>The page started watching a view: its first snapshot, not a resnapshot.</summary>
    View,

    /// <summary>The connection to the dashboard server came back; the server has forgotten what this browser watched.</summary>
    Reconnect,

    /// <summary>A batch was missed (or could not be read): the next one did not follow the version shown.</summary>
    Gap,

    /// <summary>A batch from a new epoch: the dashboard server or its upstream restarted.</summary>
    NewEpoch,

    /// <summary>The server said this browser fell behind and dropped what was queued for it.</summary>
    FellBehind,
}

/// <summary>What this browser's connection went through, counted since the page loaded: shown on the page and logged.</summary>
/// <param name="Reconnects">How often the connection to the dashboard server dropped and came back.</param>
/// <param name="Snapshots">Every snapshot loaded, first ones included.</param>
/// <param name="Gaps">Resnapshots after a missed batch.</param>
/// <param name="NewEpochs">Resnapshots after a batch from a new epoch.</param>
/// <param name="FellBehind">Resnapshots the server asked for because this browser fell behind.</param>
/// <param name="AfterReconnect">Resnapshots after a reconnect.</param>
public sealed record ConnectionCounts(int Reconnects, int Snapshots, int Gaps, int NewEpochs, int FellBehind, int AfterReconnect)
{
    public static ConnectionCounts None { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Snapshots taken again for a view already shown, whatever the reason.</summary>
    public int Resnapshots => Gaps + NewEpochs + FellBehind + AfterReconnect;

    public ConnectionCounts Reconnected() => this with { Reconnects = Reconnects + 1 };

    public ConnectionCounts SnapshotTaken(SnapshotReason reason)
    {
        var counted = this with { Snapshots = Snapshots + 1 };
        return reason switch
        {
            SnapshotReason.Gap => counted with { Gaps = Gaps + 1 },
            SnapshotReason.NewEpoch => counted with { NewEpochs = NewEpochs + 1 },
            SnapshotReason.FellBehind => counted with { FellBehind = FellBehind + 1 },
            SnapshotReason.Reconnect => counted with { AfterReconnect = AfterReconnect + 1 },
            _ => counted,
        };
    }
}
