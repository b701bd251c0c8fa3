using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>One event of an update's log: an updater event or a task status update, never both.</summary>
/// <param name="Arrival">Unique within its log, in the order the events were added.</param>
public readonly record struct UpdateLogEntry(long Arrival, DateTimeOffset Timestamp, UpdaterEvent? Updater, TaskStatusUpdate? Status);

/// <summary>
/// One update's event log, the input of every insight: its updater events and the status updates of
/// its job's tasks, as a recording of the update holds them. Entries are kept ordered by timestamp,
/// ties in arrival order, so "as of T" is a prefix; a live feed appends at the end, and an event that
/// arrives late (the other stream lagging) is slotted in where its timestamp puts it, after walking
/// back past the entries stamped after it. Not thread-safe: a server appends and folds under one lock.
/// </summary>
public sealed class UpdateLog
{
    private readonly List<UpdateLogEntry> _entries = [];
    private long _arrivals;

    public UpdateLog(UpdateKey update)
    {
        ArgumentNullException.ThrowIfNull(update);
        Update = update;
    }

    public UpdateKey Update { get; }

    public int Count => _entries.Count;

    /// <summary>How many events were ever added: the next entry's <see cref="UpdateLogEntry.Arrival"/>.</summary>
    public long Arrivals => _arrivals;

    public UpdateLogEntry this[int index] => _entries[index];

    /// <summary>
    /// Builds a log from the two streams read separately (a recording, an emulator's logs). Across the
    /// streams only timestamps order events; at one instant a task's status update goes first, since
    /// the updater acts on what the tasks reported.
    /// </summary>
    public static UpdateLog From(UpdateKey update, IEnumerable<UpdaterEvent> updaterEvents, IEnumerable<TaskStatusUpdate> statusUpdates)
    {
        ArgumentNullException.ThrowIfNull(updaterEvents);
        ArgumentNullException.ThrowIfNull(statusUpdates);
        var log = new UpdateLog(update);
        var merged = new List<(DateTimeOffset At, int Stream, int Seq, object Event)>();
        var seq = 0;
        foreach (var status in statusUpdates)
        {
            if (status.Job == update.Job) merged.Add((status.Timestamp, 0, seq++, status));
        }

        foreach (var e in updaterEvents)
        {
            if (e.Update == update) merged.Add((e.Timestamp, 1, seq++, e));
        }

        merged.Sort((a, b) =>
        {
            var byTime = a.At.CompareTo(b.At);
            if (byTime != 0) return byTime;
            var byStream = a.Stream.CompareTo(b.Stream);
            return byStream != 0 ? byStream : a.Seq.CompareTo(b.Seq);
        });
        foreach (var (_, _, _, e) in merged)
        {
            if (e is TaskStatusUpdate status) log.Add(status);
            else log.Add((UpdaterEvent)e);
        }

        return log;
    }

    /// <summary>Adds an event of this update; false (and nothing kept) for another update's.</summary>
    public bool Add(UpdaterEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Update != Update) return false;
        Insert(new UpdateLogEntry(_arrivals++, e.Timestamp, e, null));
        return true;
    }

    /// <summary>Adds a status update of the update's job; false (and nothing kept) for another job's.</summary>
    public bool Add(TaskStatusUpdate status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Job != Update.Job) return false;
        Insert(new UpdateLogEntry(_arrivals++, status.Timestamp, null, status));
        return true;
    }

    private void Insert(UpdateLogEntry entry)
    {
        // Almost always the end; a late event walks back only past the few entries stamped after it.
        var at = _entries.Count;
        while (at > 0 && _entries[at - 1].Timestamp > entry.Timestamp) at--;
        _entries.Insert(at, entry);
    }
}
