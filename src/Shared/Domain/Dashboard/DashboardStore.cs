namespace Rollout.Domain.Dashboard;

public enum DeltaOutcome
{
    Applied,

    /// <summary>Already covered by the snapshot, or meant for a view no longer watched: ignored.</summary>
    Stale,

    /// <summary>A batch is missing or the epoch changed: ask for a snapshot.</summary>
    NeedsSnapshot,
}

/// <summary>
/// The browser's copy of the one view it watches (the updates list, or one update): a snapshot,
/// then deltas in version order. A gap or a new epoch is reported, never papered over.
/// </summary>
public sealed class DashboardStore
{
    /// <summary>Status changes kept per update, as on the server.</summary>
    public const int MaxHistory = 100;

    /// <summary>Tail events kept per update, as on the server.</summary>
    public const int MaxTail = 50;

    private readonly Dictionary<string, UpdateView> _updates = new(StringComparer.Ordinal);
    private readonly List<InstanceView> _instances = [];
    private readonly Dictionary<int, int> _positions = [];
    private readonly List<StatusChangeView> _history = [];
    private readonly List<EventTailItem> _tail = [];

    /// <summary>The view watched: <see cref="DashboardViews.List"/> or an update key; null before any snapshot.</summary>
    public string? View { get; private set; }

    public string? Epoch { get; private set; }

    public long Version { get; private set; }

    public bool Loaded => Epoch is not null;

    /// <summary>Between <see cref="Begin"/> and <see cref="EndRows"/>: the header is in, rows are still arriving.</summary>
    public bool Filling { get; private set; }

    public ConnectionView Connection { get; private set; } = ConnectionView.Initial;

    /// <summary>The clocks as of the latest snapshot or batch that carried them.</summary>
    public ClockSync? Clock { get; private set; }

    /// <summary>The list view's updates.</summary>
    public IReadOnlyCollection<UpdateView> Updates => _updates.Values;

    /// <summary>The update view's instances, ordered by id.</summary>
    public IReadOnlyList<InstanceView> Instances => _instances;

    /// <summary>The update view's status changes, oldest first.</summary>
    public IReadOnlyList<StatusChangeView> History => _history;

    /// <summary>The update view's latest events, oldest first.</summary>
    public IReadOnlyList<EventTailItem> Tail => _tail;

    /// <summary>Raised after every snapshot or applied delta.</summary>
    public event Action? Changed;

    /// <summary>The header of an update shown by the current view (either kind), if known.</summary>
    public UpdateView? Update(string key) => _updates.GetValueOrDefault(key);

    /// <summary>Whether the current view is the one named and loaded.</summary>
    public bool Shows(string view) => Loaded && View == view;

    public void Load(ListSnapshot snapshot)
    {
        Reset(DashboardViews.List, snapshot.Epoch, snapshot.Version, snapshot.Connection, snapshot.Clock);
        foreach (var update in snapshot.Updates) _updates[update.Key] = update;
        Changed?.Invoke();
    }

    public void Load(string updateKey, UpdateSnapshot snapshot) => Load(updateKey, snapshot, snapshot.DecodeRows());

    /// <param name="rows">The snapshot's rows, already decoded.</param>
    public void Load(string updateKey, UpdateSnapshot snapshot, IReadOnlyList<InstanceView> rows)
    {
        Begin(updateKey, snapshot);
        AddRows(rows);
        EndRows();
    }

    /// <summary>
    /// Shows a snapshot's header, history and tail before its rows: a browser decodes 10,000 rows in
    /// slices, each its own task, and the page shows each slice as it comes. Deltas wait until every
    /// slice is in (<see cref="AddRows"/>).
    /// </summary>
    public void Begin(string updateKey, UpdateSnapshot snapshot)
    {
        Reset(DashboardViews.Of(updateKey), snapshot.Epoch, snapshot.Version, snapshot.Connection, snapshot.Clock);
        if (snapshot.Update is { } update) _updates[update.Key] = update;
        Append(_history, snapshot.History, MaxHistory);
        Append(_tail, snapshot.Tail, MaxTail);
        Filling = true;
        Changed?.Invoke();
    }

    /// <summary>One slice of the snapshot's rows begun with <see cref="Begin"/>.</summary>
    public void AddRows(IReadOnlyList<InstanceView> rows)
    {
        foreach (var instance in rows) Put(instance);
        Changed?.Invoke();
    }

    /// <summary>Every row of the snapshot begun with <see cref="Begin"/> is in.</summary>
    public void EndRows()
    {
        Filling = false;
        Changed?.Invoke();
    }

    /// <summary>Forgets the view (the page that watched it is gone).</summary>
    public void Clear()
    {
        Reset(null, null, 0, Connection, Clock);
        Changed?.Invoke();
    }

    public DeltaOutcome Apply(DeltaBatch batch) => Apply(batch, () => batch.DecodeRows());

    /// <param name="rows">The batch's rows, already decoded (a browser decodes a large batch in slices).</param>
    public DeltaOutcome Apply(DeltaBatch batch, IReadOnlyList<InstanceView> rows) => Apply(batch, () => rows);

    /// <summary>Whether <paramref name="batch"/> would be applied now (not stale, no gap): worth decoding.</summary>
    public bool Fits(DeltaBatch batch) =>
        Loaded && batch.View == View && batch.Epoch == Epoch && batch.Version > Version && batch.PreviousVersion <= Version;

    private DeltaOutcome Apply(DeltaBatch batch, Func<IReadOnlyList<InstanceView>> decode)
    {
        if (!Loaded || batch.View != View) return DeltaOutcome.Stale;
        if (batch.Epoch != Epoch) return DeltaOutcome.NeedsSnapshot;
        if (batch.Version <= Version) return DeltaOutcome.Stale;
        if (batch.PreviousVersion > Version) return DeltaOutcome.NeedsSnapshot;
        var rows = decode();

        foreach (var key in batch.RemovedUpdates) _updates.Remove(key);
        foreach (var update in batch.Updates) _updates[update.Key] = update;
        foreach (var instance in rows) Put(instance);
        Append(_history, batch.History, MaxHistory);
        Append(_tail, batch.Tail, MaxTail);
        if (batch.Connection is not null) Connection = batch.Connection;
        if (batch.Clock is not null) Clock = batch.Clock;
        Version = batch.Version;
        Changed?.Invoke();
        return DeltaOutcome.Applied;
    }

    private void Reset(string? view, string? epoch, long version, ConnectionView connection, ClockSync? clock)
    {
        _updates.Clear();
        _instances.Clear();
        _positions.Clear();
        _history.Clear();
        _tail.Clear();
        Filling = false;
        View = view;
        Epoch = epoch;
        Version = version;
        Connection = connection;
        Clock = clock;
    }

    private void Put(InstanceView instance)
    {
        if (_positions.TryGetValue(instance.InstanceId, out var at))
        {
            _instances[at] = instance;
            return;
        }

        // New ids almost always come last; an id in between shifts the positions after it.
        var index = _instances.Count;
        while (index > 0 && _instances[index - 1].InstanceId > instance.InstanceId) index--;
        _instances.Insert(index, instance);
        for (var i = index; i < _instances.Count; i++) _positions[_instances[i].InstanceId] = i;
    }

    private static void Append<T>(List<T> list, IReadOnlyList<T> items, int max)
    {
        list.AddRange(items);
        if (list.Count > max) list.RemoveRange(0, list.Count - max);
    }
}
