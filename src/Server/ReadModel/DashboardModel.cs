using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>
/// The live read model. Writers (the upstream streams) fold under one lock and record what changed;
/// <see cref="Publish"/> turns that into an immutable <see cref="PublishedState"/> plus a delta batch
/// per changed view. Readers (snapshots, details, the JSON API) only read the published state, so
/// they never wait for the fold. An upstream snapshot of a new upstream epoch replaces state and
/// starts a new epoch; one of the epoch already held is merged, so browsers get only what differs.
/// </summary>
/// <param name="lostAfter">Read lazily: options are validated at start, after this is built.</param>
public sealed partial class DashboardModel
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ChangeTracker _changes = new();
    private readonly UpdateFold _fold;
    private readonly SchedulerClock _clock;
    private readonly UpstreamLinks _links;
    private string _epoch = NewEpoch();
    private PublishedState _published;
    private ConnectionView _connection = ConnectionView.Initial;

    public DashboardModel(TimeProvider time, Func<TimeSpan> lostAfter)
    {
        _time = time;
        _fold = new UpdateFold(_changes, Recordings);
        _clock = new SchedulerClock(time);
        _links = new UpstreamLinks(time, lostAfter);
        _published = PublishedState.Initial(_epoch);
    }

    public DashboardModel(TimeProvider time, TimeSpan lostAfter)
        : this(time, () => lostAfter)
    {
    }

    public DashboardModel(TimeProvider time)
        : this(time, TimeSpan.FromSeconds(15))
    {
    }

    /// <summary>The epoch browsers see (as of the latest publish).</summary>
    public string Epoch => Published.Epoch;

    /// <summary>The link to the scheduler as of now (not only as of the latest publish).</summary>
    public ConnectionView Connection => Volatile.Read(ref _connection);

    /// <summary>Raised (outside the lock) whenever something changed that browsers should see.</summary>
    public event Action? Changed;

    public bool HasPendingChanges
    {
        get
        {
            lock (_gate) return _changes.Any;
        }
    }

    /// <summary>The scheduler's clock as estimated at the latest publish.</summary>
    public DateTimeOffset SchedulerNow => _time.GetUtcNow().AddMilliseconds(Published.SchedulerAheadMs);

    internal PublishedState Published => Volatile.Read(ref _published);

    /// <summary>What the update journals could not keep (they are capped), since the server started.</summary>
    public RecordingCounters Recordings { get; } = new();

    /// <summary>Values received that this build does not know, by kind (as of now).</summary>
    public UnknownValues UnknownValues => _fold.Unknown;

    public void ApplyStatus(TaskStatusUpdate update) => Mutate(() =>
    {
        Observed(UpstreamFeed.Status, update.Timestamp);
        _fold.Status(update);
    }, links: false);

    /// <summary>
    /// Status events that arrived together, folded in order under one lock with one notification,
    /// as if each were applied alone at the same instant. An event the fold cannot take is skipped
    /// and reported by its index; the others still fold.
    /// </summary>
    public IReadOnlyList<FoldFailure> ApplyStatus(IReadOnlyList<TaskStatusUpdate> batch) =>
        ApplyBatch(UpstreamFeed.Status, batch, static u => u.Timestamp, _fold.Status);

    /// <summary>A status snapshot of a new upstream epoch: replaces every track and starts a new epoch.</summary>
    public void ReplaceStatus(IReadOnlyList<TaskStatusUpdate> snapshot) => Mutate(() =>
    {
        _links.Snapshot();
        _fold.ClearTracks();
        if (snapshot.Count > 0) _clock.Reset(); // an empty snapshot says nothing of the clock: keep what the other stream showed
        _fold.Replaying = true;
        FoldSnapshot(snapshot.OrderBy(u => u.Timestamp), _fold.Status);
        _fold.Replaying = false;
        Observed(UpstreamFeed.Status, snapshot.Count == 0 ? null : snapshot.Max(u => u.Timestamp));
        Restart();
    });

    public void ApplyUpdater(UpdaterEvent e) => Mutate(() =>
    {
        Observed(UpstreamFeed.Updater, e.Timestamp);
        _fold.Updater(e);
    }, links: false);

    /// <summary>Updater events that arrived together; see <see cref="ApplyStatus(IReadOnlyList{TaskStatusUpdate})"/>.</summary>
    public IReadOnlyList<FoldFailure> ApplyUpdater(IReadOnlyList<UpdaterEvent> batch) =>
        ApplyBatch(UpstreamFeed.Updater, batch, static e => e.Timestamp, _fold.Updater);

    /// <summary>An updater snapshot of a new upstream epoch: replaces every update and starts a new epoch.</summary>
    public void ReplaceUpdater(IReadOnlyList<UpdaterEvent> snapshot) => Mutate(() =>
    {
        _links.Snapshot();
        _fold.ClearUpdates();
        if (snapshot.Count > 0) _clock.Reset(); // an empty snapshot says nothing of the clock: keep what the other stream showed
        FoldSnapshot(snapshot, _fold.Updater);
        Observed(UpstreamFeed.Updater, snapshot.Count == 0 ? null : snapshot.Max(u => u.Timestamp));
        Restart();
    });

    /// <summary>
    /// A status snapshot of the upstream epoch already held (the stream fell behind, or resubscribed):
    /// folded over what is held, so only what really differs changes and browsers keep their
    /// snapshots; tracks the snapshot no longer holds are dropped. No new epoch.
    /// </summary>
    public void ResyncStatus(IReadOnlyList<TaskStatusUpdate> snapshot) => Mutate(() =>
    {
        _links.Snapshot();
        var held = new HashSet<(JobKey Job, int Instance)>(snapshot.Select(u => (u.Job, u.InstanceId)));
        foreach (var gone in _fold.Tracks.Keys.Where(k => !held.Contains(k)).ToList())
        {
            _fold.Tracks.Remove(gone);
            foreach (var update in _fold.Updates.Values.Where(u => u.Key.Job == gone.Job)) _changes.Instance(update.Key, gone.Instance);
        }

        FoldSnapshot(snapshot.OrderBy(u => u.Timestamp), _fold.Status);
        Observed(UpstreamFeed.Status, snapshot.Count == 0 ? null : snapshot.Max(u => u.Timestamp));
    });

    /// <summary>An updater snapshot of the upstream epoch already held; see <see cref="ResyncStatus"/>. Updates it lacks are removed.</summary>
    public void ResyncUpdater(IReadOnlyList<UpdaterEvent> snapshot) => Mutate(() =>
    {
        _links.Snapshot();
        var held = snapshot.Select(e => e.Update).ToHashSet();
        foreach (var gone in _fold.Updates.Values.Where(u => !held.Contains(u.Key)).ToList()) _fold.Remove(gone);
        FoldSnapshot(snapshot.Where(e => SnapshotMerge.Needed(_fold, e)), _fold.Updater);

        Observed(UpstreamFeed.Updater, snapshot.Count == 0 ? null : snapshot.Max(u => u.Timestamp));
    });

    /// <summary>A snapshot refused for its position (behind the one held): counted as a snapshot and a rejection; state stays.</summary>
    public void SnapshotRefused(UpstreamFeed stream, string detail) => Mutate(() =>
    {
        _links.Snapshot();
        _links.Rejected(stream, detail);
    });

    /// <summary>Live events refused for their position (<paramref name="count"/> of them, the latest described): counted and shown.</summary>
    public void CountRejected(UpstreamFeed stream, string detail, long count = 1) => Mutate(() => _links.Rejected(stream, detail, count));

    /// <summary>A message that could not be read: counted and shown, never fatal.</summary>
    public void CountBadMessage(UpstreamFeed stream, string detail) => Mutate(() => _links.BadMessage(stream, detail));

    public void StreamConnected(UpstreamFeed stream) => Mutate(() => _links.Connected(stream));

    public void StreamFailed(UpstreamFeed stream, string error) => Mutate(() => _links.Failed(stream, error));

    /// <summary>Periodic: ages the connection state (reconnecting turns lost). Countdowns run in the browser.</summary>
    public void Tick() => Mutate(() => { });

    /// <summary>Publishes all changes since the last call; null when nothing changed.</summary>
    public ChangeSet? Publish()
    {
        lock (_gate)
        {
            if (!_changes.Any) return null;
            var (next, changes) = Publisher.Publish(_published, _epoch, _fold, _changes, _links.Current, _clock.AheadMs, _time.GetUtcNow());
            _changes.Clear();
            Volatile.Write(ref _published, next);
            return changes;
        }
    }

    /// <summary>Every change happens under the lock; listeners hear of it outside.</summary>
    /// <param name="links">
    /// Whether the connection view may have changed. A live event only moves the latest event time,
    /// which is not pushed while live, so the hot path skips recomputing it.
    /// </param>
    private void Mutate(Action change, bool links = true)
    {
        lock (_gate)
        {
            change();
            if ((links || _links.Current.State != UpstreamState.Live) && _links.Refresh()) _changes.Connection = true;
            Volatile.Write(ref _connection, _links.Current);
        }

        Changed?.Invoke();
    }

    private ClockSync ClockOf(PublishedState state) => new(_time.GetUtcNow(), state.SchedulerAheadMs);

    private void Observed(UpstreamFeed stream, DateTimeOffset? eventTime)
    {
        var now = _time.GetUtcNow();
        _links.Progressed(stream, now);
        _clock.Observe(eventTime, now);
    }

    /// <summary>
    /// One lock, one clock reading, one connection refresh and one notification for the whole batch;
    /// each event still moves the scheduler clock and folds exactly as it would alone.
    /// </summary>
    private List<FoldFailure> ApplyBatch<T>(UpstreamFeed stream, IReadOnlyList<T> batch, Func<T, DateTimeOffset> timestamp, Action<T> fold)
    {
        var failures = new List<FoldFailure>();
        if (batch.Count == 0) return failures;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var folded = false;
            for (var i = 0; i < batch.Count; i++)
            {
                try
                {
                    _links.Progressed(stream, now);
                    _clock.Observe(timestamp(batch[i]), now);
                    fold(batch[i]);
                    folded = true;
                }
#pragma warning disable CA1031 // One event must not cost the rest of its batch; the caller counts it.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failures.Add(new FoldFailure(i, ex));
                }
            }

            if (!folded && failures.Count > 0) return failures; // nothing changed: as a lone failing event, no notification
            if (_links.Current.State != UpstreamState.Live && _links.Refresh()) _changes.Connection = true;
            Volatile.Write(ref _connection, _links.Current);
        }

        Changed?.Invoke();
        return failures;
    }

    /// <summary>Snapshot events fold as live ones do, but journals take only what they change.</summary>
    private void FoldSnapshot<T>(IEnumerable<T> snapshot, Action<T> fold)
    {
        _fold.FromSnapshot = true;
        try
        {
            foreach (var e in snapshot) fold(e);
        }
        finally
        {
            _fold.FromSnapshot = false;
        }
    }

    private void Restart()
    {
        _epoch = NewEpoch();
        _changes.Clear();
        _changes.Epoch = true; // browsers learn of it from the next batch, even if nothing else changes
    }

    private static string NewEpoch() => Guid.NewGuid().ToString("N")[..12];
}
