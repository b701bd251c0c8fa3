namespace Rollout.Server.ReadModel;

/// <summary>What the update journals could not keep, since the server started: exported as metrics.</summary>
public sealed class RecordingCounters
{
    private long _truncatedJournals;
    private long _droppedEvents;

    /// <summary>Journals that reached their cap (each counted once).</summary>
    public long TruncatedJournals => Interlocked.Read(ref _truncatedJournals);

    /// <summary>Events left out of journals past their cap.</summary>
    public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

    internal void Dropped(bool first)
    {
        if (first) Interlocked.Increment(ref _truncatedJournals);
        Interlocked.Increment(ref _droppedEvents);
    }
}
