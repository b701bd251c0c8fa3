using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;

namespace Rollout.Server.ReadModel;

/// <summary>
/// Every raw event of one update, from both upstream streams, in the order they arrived: what
/// <c>GET .../recording</c> serves. It holds the update's own updater events, and, from the update's
/// start, the status events of its instances (the ids of its ranges and any the updater names). When
/// the start arrives, each instance's current task is copied from the model: its latest event stamped
/// before the start (the state the update found, flagged prior) and any stamped after (the status
/// stream ran ahead), so a replay begins from known state. Once the update is terminal, status events
/// stamped up to <see cref="LateWindow"/> after the end are still taken (the streams are independent);
/// a newer update of the job takes over its task events.
/// </summary>
/// <remarks>
/// Written by the fold under the model's lock, read by anyone without it (<see cref="AppendOnlyList{T}"/>).
/// Bounded: at most <see cref="EventsPerInstance"/> events per instance of the update (between
/// <see cref="MinCapacity"/> and <see cref="MaxCapacity"/>); past that, events are counted and
/// dropped, and the recording says it is truncated (the prefix stays: a replay needs the beginning).
/// The events are the fold's own compacted copies, shared with the task tracks.
/// </remarks>
internal sealed class UpdateJournal(RecordingCounters counters)
{
    public const int EventsPerInstance = 32;
    public const int MinCapacity = 4_096;
    public const int MaxCapacity = 400_000;
    public static readonly TimeSpan LateWindow = TimeSpan.FromSeconds(30);

    /// <summary>Each a <see cref="TaskStatusUpdate"/> or an <see cref="UpdaterEvent"/>.</summary>
    private readonly AppendOnlyList<object> _events = new();
    private int _capacity = MinCapacity;
    private long _dropped;

    /// <summary>Set once, at the start, before the count that covers the seeded events is published.</summary>
    private DateTimeOffset _startedAt;
    private int _seededFrom;
    private int _seededTo;

    /// <summary>The update's instance ids as bits; null until it starts (or when it is not the job's latest).</summary>
    private ulong[]? _instances;
    private DateTimeOffset? _takesTasksUntil;

    public int Count => _events.Count;

    public void Updater(UpdaterEvent e) => Append(e);

    /// <summary>
    /// The update started. When it is its job's latest update, it takes its instances' task events from
    /// now, beginning with each instance's current task as the model holds it.
    /// </summary>
    public void Start(UpdateStarted started, int[] instanceIds, bool latestOfJob, Func<int, TaskTrack?> trackOf)
    {
        if (_instances is not null || !latestOfJob) return;
        _capacity = (int)Math.Clamp((long)EventsPerInstance * instanceIds.Length, MinCapacity, MaxCapacity);
        _instances = new ulong[instanceIds.Length == 0 ? 1 : (instanceIds[^1] >> 6) + 1];
        foreach (var id in instanceIds) _instances[id >> 6] |= 1UL << id;

        _startedAt = started.Timestamp;
        _seededFrom = _events.Count;
        _seededTo = _seededFrom + Seeds(started.Timestamp, instanceIds, trackOf, count: true);
        Seeds(started.Timestamp, instanceIds, trackOf, count: false);
    }

    /// <summary>An instance the updater names outside the update's ranges is one of its instances too.</summary>
    public void Include(int instanceId)
    {
        if (_instances is null || Holds(instanceId)) return;
        if (instanceId >> 6 >= _instances.Length) Array.Resize(ref _instances, (instanceId >> 6) + 1);
        _instances[instanceId >> 6] |= 1UL << instanceId;
    }

    /// <summary>The update ended at <paramref name="at"/>: task events stamped later than the late window are no longer its.</summary>
    public void Ended(DateTimeOffset at) => _takesTasksUntil ??= at + LateWindow;

    /// <summary>A status event of the job, from its stream (the fold's compacted copy). O(1).</summary>
    public void Status(TaskStatusUpdate update)
    {
        if (_instances is null || !Holds(update.InstanceId)) return;
        if (_takesTasksUntil is { } until && update.Timestamp > until) return;
        Append(update);
    }

    /// <summary>
    /// Items [<paramref name="from"/>, <see cref="Count"/> as of now), each a <see cref="TaskStatusUpdate"/> or an
    /// <see cref="UpdaterEvent"/>, for a reader that follows the journal as it grows; <paramref name="to"/> is where to go on from.
    /// </summary>
    public IEnumerable<object> ReadFrom(int from, out int to)
    {
        var count = _events.Count; // first: everything below it is written
        to = Math.Max(from, count);
        return Items(Math.Max(0, from), count);
    }

    private IEnumerable<object> Items(int from, int count)
    {
        for (var i = from; i < count; i++) yield return _events[i];
    }

    /// <summary>The journal as of now, as a recording taken at <paramref name="recordedAt"/>.</summary>
    public UpdateRecording Recording(UpdateKey key, DateTimeOffset recordedAt)
    {
        var count = _events.Count; // first: everything below it, and the seeding fields, are written
        var dropped = Interlocked.Read(ref _dropped);
        var items = _events.ToArray(count);
        var events = new RecordedEvent[count];
        for (var i = 0; i < count; i++)
        {
            events[i] = items[i] switch
            {
                TaskStatusUpdate s => new RecordedStatus(s, Prior: i >= _seededFrom && i < _seededTo && s.Timestamp < _startedAt),
                UpdaterEvent u => new RecordedUpdater(u),
                var other => throw new InvalidOperationException($"journal item {other.GetType().Name}"),
            };
        }

        return new UpdateRecording(key, recordedAt, events, dropped > 0, dropped);
    }

    private bool Holds(int id) => id >= 0 && id >> 6 < _instances!.Length && (_instances[id >> 6] & (1UL << id)) != 0;

    /// <summary>Per instance: the latest event before the start, then every one after it (the track is in time order).</summary>
    private int Seeds(DateTimeOffset start, int[] instanceIds, Func<int, TaskTrack?> trackOf, bool count)
    {
        var seeded = 0;
        foreach (var id in instanceIds)
        {
            if (trackOf(id) is not { } track) continue;
            var history = track.History;
            var from = history.Length;
            while (from > 0 && history[from - 1].Timestamp >= start) from--;
            if (from > 0) from--; // the state the update found
            for (var i = from; i < history.Length; i++)
            {
                seeded++;
                if (!count) Append(history[i]);
            }
        }

        return seeded;
    }

    private void Append(object item)
    {
        if (_events.Count >= _capacity)
        {
            counters.Dropped(first: _dropped == 0);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _events.Add(item);
    }
}
