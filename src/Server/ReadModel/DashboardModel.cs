using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

public enum UpstreamFeed
{
    Status,
    Updater,
}

/// <summary>
/// The live read model, folded from both upstream streams in any interleaving and idempotent under
/// duplicates. Changes mark instances and updates dirty; <see cref="TakeDelta"/> turns them into one
/// coalesced, versioned batch. An upstream snapshot replaces state and starts a new epoch, which
/// makes every browser ask for a fresh snapshot.
/// </summary>
/// <param name="lostAfter">Read lazily: options are validated at start, after this is built.</param>
public sealed class DashboardModel(TimeProvider time, Func<TimeSpan> lostAfter)
{
    private const int MaxMessageChars = 64 * 1024;

    /// <summary>Finished updates kept; older ones are dropped (and browsers told) so history stays bounded.</summary>
    public const int RetainedFinishedUpdates = 100;

    private readonly Lock _gate = new();
    private readonly Dictionary<UpdateKey, UpdateState> _updates = [];
    private readonly Dictionary<JobKey, UpdateKey> _latestUpdateOfJob = [];
    private readonly Dictionary<(JobKey Job, int Instance), TaskTrack> _tracks = [];
    private readonly HashSet<(UpdateKey Update, int Instance)> _dirtyInstances = [];
    private readonly HashSet<UpdateKey> _dirtyUpdates = [];
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private readonly Dictionary<UpstreamFeed, Link> _links = new()
    {
        [UpstreamFeed.Status] = new(),
        [UpstreamFeed.Updater] = new(),
    };

    private ConnectionView _connection = ConnectionView.Initial;
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(5);
    private bool _connectionDirty;
    private bool _epochChanged;
    private bool _replaying;
    private long _version;
    private long _badMessages;
    private DateTimeOffset? _upstreamLatest;
    private DateTimeOffset _upstreamLatestReceived;

    public DashboardModel(TimeProvider time, TimeSpan lostAfter)
        : this(time, () => lostAfter)
    {
    }

    public DashboardModel(TimeProvider time)
        : this(time, TimeSpan.FromSeconds(15))
    {
    }

    public string Epoch { get; private set; } = NewEpoch();

    /// <summary>Raised (outside the lock) whenever something changed that browsers should see.</summary>
    public event Action? Changed;

    public void ApplyStatus(TaskStatusUpdate update) => Mutate(() =>
    {
        Observed(UpstreamFeed.Status, update.Timestamp);
        FoldStatus(update);
    });

    public void ReplaceStatus(IReadOnlyList<TaskStatusUpdate> snapshot) => Mutate(() =>
    {
        _tracks.Clear();
        _upstreamLatest = null; // a (possibly restarted) scheduler re-anchors the clock
        _replaying = true;
        foreach (var update in snapshot.OrderBy(u => u.Timestamp)) FoldStatus(update);
        _replaying = false;
        Observed(UpstreamFeed.Status, snapshot.Count == 0 ? null : snapshot.Max(u => u.Timestamp));
        Restart();
    });

    public void ApplyUpdater(UpdaterEvent e) => Mutate(() =>
    {
        Observed(UpstreamFeed.Updater, e.Timestamp);
        FoldUpdater(e);
    });

    public void ReplaceUpdater(IReadOnlyList<UpdaterEvent> snapshot) => Mutate(() =>
    {
        _updates.Clear();
        _latestUpdateOfJob.Clear();
        _upstreamLatest = null;
        foreach (var e in snapshot) FoldUpdater(e);
        Observed(UpstreamFeed.Updater, snapshot.Count == 0 ? null : snapshot.Max(u => u.Timestamp));
        Restart();
    });

    /// <summary>A message that could not be read: counted and shown, never fatal.</summary>
    public void CountBadMessage(UpstreamFeed stream, string detail) => Mutate(() =>
    {
        _badMessages++;
        _links[stream].Detail = $"bad message skipped: {detail}";
        RefreshConnection();
    });

    public void StreamConnected(UpstreamFeed stream) => Mutate(() =>
    {
        var link = _links[stream];
        link.Connected = true;
        link.UpSince = time.GetUtcNow();
        link.Progressed = false;
        link.Detail = string.Empty;
        RefreshConnection();
    });

    public void StreamFailed(UpstreamFeed stream, string error) => Mutate(() =>
    {
        var link = _links[stream];
        var now = time.GetUtcNow();

        // A connection that made progress or held for a while really was up; one that fails right
        // after its headers (again and again) is still the same outage, so it can turn "lost".
        var wasUp = link.Connected && (link.Progressed || now - link.UpSince >= StableAfter);
        if (link.DownSince is null || wasUp) link.DownSince = now;
        link.Connected = false;
        link.Detail = error;
        RefreshConnection();
    });

    /// <summary>Periodic: refreshes countdowns of instances watching, and ages the connection state.</summary>
    public void Tick() => Mutate(() =>
    {
        var upstreamNow = UpstreamNow();
        foreach (var update in _updates.Values.Where(u => u.Status.IsActive() && u.PulseDeadline > upstreamNow.AddSeconds(-2)))
        {
            _dirtyUpdates.Add(update.Key); // the pulse countdown moves
        }

        foreach (var update in _updates.Values.Where(u => u.Status.IsRolling()))
        {
            foreach (var (id, view) in update.Views)
            {
                if (view.GatingMode == GatingMode.WatchSecs && view.TaskStatus == TaskState.Running && view.WatchRemainingMs > 0)
                {
                    _dirtyInstances.Add((update.Key, id));
                }
            }
        }

        RefreshConnection();
    });

    public bool HasPendingChanges
    {
        get
        {
            lock (_gate) return HasPendingChangesUnlocked;
        }
    }

    private bool HasPendingChangesUnlocked =>
        _dirtyInstances.Count > 0 || _dirtyUpdates.Count > 0 || _removed.Count > 0 || _connectionDirty || _epochChanged;

    public ConnectionView Connection
    {
        get
        {
            lock (_gate) return _connection;
        }
    }

    public DashboardSnapshot Snapshot()
    {
        lock (_gate)
        {
            var now = UpstreamNow();
            var updates = new List<UpdateView>();
            var instances = new List<UpdateInstances>();
            foreach (var update in _updates.Values.OrderBy(u => u.Created))
            {
                foreach (var id in update.InstanceIds()) Project(update, id, now);
                updates.Add(View(update));
                instances.Add(new UpdateInstances(update.KeyText, update.Views.Values.OrderBy(v => v.InstanceId).ToArray()));
            }

            return new DashboardSnapshot(Epoch, _version, _connection, updates, instances);
        }
    }

    /// <summary>All changes since the last call as one batch with the next version; null when nothing changed.</summary>
    public DeltaBatch? TakeDelta()
    {
        lock (_gate)
        {
            if (!HasPendingChangesUnlocked) return null;
            var now = UpstreamNow();
            var instances = new List<InstanceDelta>(_dirtyInstances.Count);
            foreach (var (key, id) in _dirtyInstances)
            {
                if (!_updates.TryGetValue(key, out var update)) continue;
                var view = Project(update, id, now);
                if (!Same(update.Sent.GetValueOrDefault(id), view))
                {
                    instances.Add(new InstanceDelta(update.KeyText, view));
                    update.Sent[id] = view;
                }

                _dirtyUpdates.Add(key);
            }

            var updates = _dirtyUpdates.Where(_updates.ContainsKey).Select(k => View(_updates[k])).ToArray();
            var batch = new DeltaBatch(Epoch, ++_version, _connectionDirty ? _connection : null, updates, _removed.ToArray(), instances);
            _dirtyInstances.Clear();
            _dirtyUpdates.Clear();
            _removed.Clear();
            _connectionDirty = false;
            _epochChanged = false;
            return batch;
        }
    }

    public IReadOnlyList<UpdateView> Updates()
    {
        lock (_gate)
        {
            var now = UpstreamNow();
            return _updates.Values.OrderBy(u => u.Created).Select(u =>
            {
                foreach (var id in u.InstanceIds()) Project(u, id, now);
                return View(u);
            }).ToArray();
        }
    }

    public (UpdateView Update, IReadOnlyList<InstanceView> Instances)? Update(UpdateKey key)
    {
        lock (_gate)
        {
            if (!_updates.TryGetValue(key, out var update)) return null;
            var now = UpstreamNow();
            foreach (var id in update.InstanceIds()) Project(update, id, now);
            return (View(update), update.Views.Values.OrderBy(v => v.InstanceId).ToArray());
        }
    }

    public InstanceDetail? Detail(UpdateKey key, int instanceId)
    {
        lock (_gate)
        {
            if (!_updates.ContainsKey(key)) return null;
            var timeline = _tracks.TryGetValue((key.Job, instanceId), out var track)
                ? track.History.Select(h => new TaskEventView(h.TaskId, h.State, Cap(h.Message), h.Message.Length, h.Timestamp, h.Source, h.Host, h.HealthCheck)).ToArray()
                : [];
            return new InstanceDetail(DashboardKeys.Of(key), instanceId, timeline);
        }
    }

    /// <summary>Every change happens under the lock; listeners hear of it outside.</summary>
    private void Mutate(Action change)
    {
        lock (_gate) change();
        Changed?.Invoke();
    }

    private static string Cap(string message) => message.Length <= MaxMessageChars ? message : message[..MaxMessageChars];

    private static bool Same(InstanceView? a, InstanceView? b) =>
        a is not null && b is not null && a with { Capabilities = [], UnknownCapabilities = [], Hazards = [], Verdicts = [] }
            == b with { Capabilities = [], UnknownCapabilities = [], Hazards = [], Verdicts = [] }
        && a.Capabilities.SequenceEqual(b.Capabilities) && a.UnknownCapabilities.SequenceEqual(b.UnknownCapabilities)
        && a.Hazards.SequenceEqual(b.Hazards) && a.Verdicts.SequenceEqual(b.Verdicts);

    private static string NewEpoch() => Guid.NewGuid().ToString("N")[..12];

    private void Restart()
    {
        foreach (var update in _updates.Values)
        {
            update.Views.Clear();
            update.Sent.Clear();
        }

        Epoch = NewEpoch();
        _epochChanged = true; // browsers learn of it from the next batch, even if nothing else changes
        _dirtyInstances.Clear();
        _dirtyUpdates.Clear();
        _removed.Clear();
        _connectionDirty = false;
    }

    private InstanceView Project(UpdateState update, int id, DateTimeOffset now)
    {
        var view = InstanceProjector.Project(update, update.Instance(id), _tracks.GetValueOrDefault((update.Key.Job, id)), now);
        update.Views[id] = view;
        return view;
    }

    private UpdateView View(UpdateState u)
    {
        var views = u.Views.Values;
        return new UpdateView(
            u.KeyText,
            u.Key.Job,
            u.Key.Id,
            u.Status,
            u.Started?.User ?? string.Empty,
            u.Created,
            u.LastModified,
            u.Started?.DetectionStrategy ?? DetectionStrategy.Capabilities,
            u.Started?.Settings ?? new UpdateSettings(),
            u.Started?.DesiredConfig,
            views.Count,
            views.Count(v => v.UpdateAction == InstanceAction.InstanceUpdated),
            views.Count(v => v.UpdateAction is InstanceAction.InstanceUpdateFailed or InstanceAction.InstanceRollbackFailed),
            views.Count(v => v.GatingMode == GatingMode.HealthGated),
            views.Count(v => v.GatingMode == GatingMode.WatchSecs),
            views.Count(v => v.GatingMode == GatingMode.Undetermined && v.TaskId.Length > 0),
            views.Count(v => v.Hazards.Count > 0),
            u.PulseDeadline,
            u.PulseDeadline is { } due ? (long)Math.Max(0, (due - UpstreamNow()).TotalMilliseconds) : null,
            u.History.ToArray(),
            u.Tail.ToArray());
    }

    /// <summary>The scheduler's clock, estimated from its latest event and the time since it arrived.</summary>
    private DateTimeOffset UpstreamNow() =>
        _upstreamLatest is { } latest ? latest.SaturatingAdd(time.GetUtcNow() - _upstreamLatestReceived) : time.GetUtcNow();

    private void Observed(UpstreamFeed stream, DateTimeOffset? eventTime)
    {
        var now = time.GetUtcNow();
        _links[stream].LastEventAt = now;
        _links[stream].Progressed = true;

        // The clock follows the newest event. One absurd timestamp (a day past the estimate) must
        // not drag every countdown with it; an event a day behind means the anchor itself was wrong
        // (or the scheduler restarted), so it re-anchors.
        var ahead = eventTime is { } t && _upstreamLatest is not null ? t - UpstreamNow() : TimeSpan.Zero;
        if (eventTime is { } at && ahead <= TimeSpan.FromDays(1) && (ahead >= TimeSpan.Zero || ahead < -TimeSpan.FromDays(1)))
        {
            _upstreamLatest = at;
            _upstreamLatestReceived = now;
        }

        RefreshConnection();
    }

    private void RefreshConnection()
    {
        var links = _links.Values;
        var lastEvent = links.Max(l => l.LastEventAt);
        ConnectionView next;
        if (links.All(l => l.Connected))
        {
            next = new ConnectionView(UpstreamState.Live, links.Max(l => l.UpSince), lastEvent, Detail(), _badMessages);
        }
        else if (links.All(l => l.DownSince is null))
        {
            next = new ConnectionView(UpstreamState.Connecting, null, lastEvent, Detail(), _badMessages);
        }
        else
        {
            var since = links.Where(l => !l.Connected && l.DownSince is not null).Select(l => l.DownSince).Min();
            var state = since is { } s && time.GetUtcNow() - s >= lostAfter() ? UpstreamState.Lost : UpstreamState.Reconnecting;
            next = new ConnectionView(state, since, lastEvent, Detail(), _badMessages);
        }

        // Event times move on every event; only state, reason or counts are worth a push.
        if (next.State != _connection.State || next.Since != _connection.Since || next.Detail != _connection.Detail
            || next.BadMessages != _connection.BadMessages || (next.State != UpstreamState.Live && next.LastEventAt != _connection.LastEventAt))
        {
            _connectionDirty = true;
        }

        _connection = next;
    }

    private string Detail() => string.Join("; ", _links.Where(l => l.Value.Detail.Length > 0).Select(l => $"{l.Key.ToString().ToLowerInvariant()}: {l.Value.Detail}"));

    private void FoldStatus(TaskStatusUpdate update)
    {
        var key = (update.Job, update.InstanceId);
        if (!_tracks.TryGetValue(key, out var track))
        {
            track = new TaskTrack();
            _tracks[key] = track;
        }

        if (!track.Apply(update)) return;
        if (_latestUpdateOfJob.TryGetValue(update.Job, out var updateKey) && _updates.TryGetValue(updateKey, out var owner))
        {
            _dirtyInstances.Add((updateKey, update.InstanceId));
            // A snapshot replays history the tail has already shown.
            if (!_replaying) owner.AddTail(update.Timestamp, $"#{update.InstanceId} {update.State.WireName()} {Short(update.Message)}".TrimEnd());
        }
    }

    private void FoldUpdater(UpdaterEvent e)
    {
        if (!_updates.TryGetValue(e.Update, out var update))
        {
            update = new UpdateState(e.Update);
            _updates[e.Update] = update;
        }

        var changed = e switch
        {
            UpdateStarted started => FoldStarted(update, started),
            UpdateStatusChanged status => FoldStatusChange(update, status),
            InstanceActionRecorded action => FoldAction(update, action),
            GatingDecisionMade decision => FoldDecision(update, decision),
            PulseReceived pulse => FoldPulse(update, pulse),
            _ => false,
        };
        if (!changed) return;

        if (e.Timestamp > update.LastModified) update.LastModified = e.Timestamp;
        _dirtyUpdates.Add(update.Key);
    }

    private bool FoldStarted(UpdateState update, UpdateStarted started)
    {
        if (update.Started == started) return false;
        update.Started = started;
        if (!_latestUpdateOfJob.TryGetValue(started.Update.Job, out var current) || !_updates.TryGetValue(current, out var other)
            || other.Created <= started.Timestamp)
        {
            _latestUpdateOfJob[started.Update.Job] = started.Update;
        }

        foreach (var id in update.InstanceIds()) _dirtyInstances.Add((update.Key, id));
        update.AddTail(started.Timestamp, $"update started by {started.User} ({started.DetectionStrategy.ShortName()})");
        return true;
    }

    private bool FoldStatusChange(UpdateState update, UpdateStatusChanged change)
    {
        var view = new StatusChangeView(change.Timestamp, change.Status, change.User, change.Message);
        if (update.History.Contains(view)) return false;
        update.History.Add(view);
        if (update.History.Count > UpdateState.MaxHistory) update.History.RemoveAt(1);
        update.Status = change.Status;
        if (change.Timestamp > update.LastModified) update.LastModified = change.Timestamp; // before ranking for eviction
        foreach (var id in update.Views.Keys) _dirtyInstances.Add((update.Key, id));
        if (change.Status.IsTerminal()) EvictOldFinishedUpdates();
        update.AddTail(change.Timestamp, $"{change.Status.WireName()} by {change.User}{(change.Message.Length > 0 ? ": " + Short(change.Message) : "")}");
        return true;
    }

    private bool FoldAction(UpdateState update, InstanceActionRecorded action)
    {
        var instance = update.Instance(action.InstanceId);
        if (instance.Action == action) return false;
        instance.Action = action;
        _dirtyInstances.Add((update.Key, action.InstanceId));
        update.AddTail(action.Timestamp, $"#{action.InstanceId} {action.Action.WireName()} {Short(action.Message)}".TrimEnd());
        return true;
    }

    private bool FoldDecision(UpdateState update, GatingDecisionMade decision)
    {
        var instance = update.Instance(decision.InstanceId);
        if (instance.Decision == decision) return false;
        instance.Decision = decision;
        _dirtyInstances.Add((update.Key, decision.InstanceId));
        update.AddTail(decision.Timestamp, $"#{decision.InstanceId} updater chose {decision.Mode.WireName()}: {Short(decision.Reason)}");
        return true;
    }

    private void EvictOldFinishedUpdates()
    {
        var finished = _updates.Values.Where(u => u.Status.IsTerminal()).OrderBy(u => u.LastModified).ToList();
        foreach (var old in finished.Take(Math.Max(0, finished.Count - RetainedFinishedUpdates)))
        {
            _updates.Remove(old.Key);
            _removed.Add(old.KeyText);
            _dirtyUpdates.Remove(old.Key);
            _dirtyInstances.RemoveWhere(d => d.Update == old.Key);
            if (_latestUpdateOfJob.GetValueOrDefault(old.Key.Job) == old.Key) _latestUpdateOfJob.Remove(old.Key.Job);
            if (!_updates.Keys.Any(k => k.Job == old.Key.Job))
            {
                foreach (var track in _tracks.Keys.Where(t => t.Job == old.Key.Job).ToList()) _tracks.Remove(track);
            }
        }
    }

    private static bool FoldPulse(UpdateState update, PulseReceived pulse)
    {
        if (update.PulseDeadline >= pulse.Deadline) return false;
        update.PulseDeadline = pulse.Deadline;
        update.AddTail(pulse.Timestamp, $"pulse received; next due by {pulse.Deadline:HH:mm:ss}");
        return true;
    }

    private static string Short(string text) => text.Length <= 160 ? text : text[..157] + "...";

    private sealed class Link
    {
        public bool Connected { get; set; }

        /// <summary>When the current connection came up.</summary>
        public DateTimeOffset? UpSince { get; set; }

        /// <summary>When the link went down; a connection that drops again at once keeps the first time.</summary>
        public DateTimeOffset? DownSince { get; set; }

        /// <summary>Whether an event arrived since the current connection came up.</summary>
        public bool Progressed { get; set; }

        public DateTimeOffset? LastEventAt { get; set; }

        public string Detail { get; set; } = string.Empty;
    }
}
