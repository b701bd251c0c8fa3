using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>
/// Turns what changed into the next <see cref="PublishedState"/> and one delta batch per changed view.
/// Only changed instances are projected again, and only those whose row really changed are sent.
/// </summary>
internal static class Publisher
{
    /// <summary>The scheduler clock estimate jitters with every event; browsers hear of it when it moved this much.</summary>
    private const long ClockResendMs = 250;

    private static readonly UpdateSettings NoSettings = new();

    public static (PublishedState State, ChangeSet Changes) Publish(
        PublishedState previous, string epoch, UpdateFold fold, ChangeTracker changes, ConnectionView connection, long schedulerAheadMs, DateTimeOffset serverNow)
    {
        connection = connection with { UnknownValues = fold.Unknown.Total };
        var version = previous.Version + 1;
        var restart = changes.Epoch || epoch != previous.Epoch;
        var clockMoved = restart || Math.Abs(schedulerAheadMs - previous.SchedulerAheadMs) >= ClockResendMs;
        var clock = clockMoved ? new ClockSync(serverNow, schedulerAheadMs) : null;
        var connectionChanged = changes.Connection || restart ? connection : null;
        var everyView = restart || clock is not null || connectionChanged is not null;

        var updates = (restart ? previous.Updates.Clear() : previous.Updates).ToBuilder();
        var batches = new Dictionary<string, DeltaBatch>(StringComparer.Ordinal);
        var headers = new List<UpdateView>();

        IEnumerable<UpdateKey> touched = restart
            ? fold.Updates.Keys
            : changes.Instances.Keys.Concat(changes.Headers).Concat(changes.History.Keys).Concat(changes.Tail.Keys).Distinct();
        foreach (var key in touched)
        {
            if (!fold.Updates.TryGetValue(key, out var state)) continue;
            var before = updates.GetValueOrDefault(state.KeyText);
            var (after, rows) = Rebuild(state, fold.Tracks, before, restart ? null : changes.Instances.GetValueOrDefault(key));
            var headerChanged = before is null || after.Header != before.Header;
            if (headerChanged) headers.Add(after.Header);
            var history = changes.History.TryGetValue(key, out var h) ? h.ToArray() : [];
            var tail = changes.Tail.TryGetValue(key, out var t) ? t.ToArray() : [];
            if (headerChanged || rows.Count > 0 || history.Length > 0 || tail.Length > 0 || everyView)
            {
                batches[state.KeyText] = new DeltaBatch(state.KeyText, epoch, before?.Version ?? 0, version, clock, connectionChanged,
                    headerChanged ? [after.Header] : [], [], InstanceRowCodec.Encode(rows), history, tail);
                after = after with { Version = version };
            }

            updates[state.KeyText] = after;
        }

        var removed = changes.Removed.Where(updates.ContainsKey).ToArray();
        foreach (var key in removed)
        {
            batches[key] = new DeltaBatch(key, epoch, updates[key].Version, version, clock, connectionChanged, [], [key], [], [], []);
            updates.Remove(key);
        }

        // A new epoch without an update browsers still show: its viewers hear of the epoch (and take a
        // fresh snapshot) only from a batch, and no later batch would ever come for that view.
        if (restart)
        {
            foreach (var (key, gone) in previous.Updates.Where(u => !updates.ContainsKey(u.Key)))
                batches[key] = new DeltaBatch(key, epoch, gone.Version, version, clock, connectionChanged, [], [key], [], [], []);
        }

        var listVersion = previous.ListVersion;
        if (headers.Count > 0 || removed.Length > 0 || everyView)
        {
            batches[DashboardViews.List] = new DeltaBatch(DashboardViews.List, epoch, previous.ListVersion, version, clock, connectionChanged,
                headers, removed, [], [], []);
            listVersion = version;
        }

        // Connection and clock are part of every view: untouched views get a batch with just those.
        if (everyView)
        {
            foreach (var (key, update) in updates.ToList().Where(u => !batches.ContainsKey(u.Key)))
            {
                batches[key] = new DeltaBatch(key, epoch, update.Version, version, clock, connectionChanged, [], [], [], [], []);
                updates[key] = update with { Version = version };
            }
        }

        var next = new PublishedState(epoch, version, connection, clock?.SchedulerAheadMs ?? previous.SchedulerAheadMs, listVersion, updates.ToImmutable());
        return (next, new ChangeSet(version, batches));
    }

    private static (PublishedUpdate Update, List<InstanceView> ChangedRows) Rebuild(
        UpdateState state, Dictionary<(JobKey Job, int Instance), TaskTrack> tracks, PublishedUpdate? before, HashSet<int>? dirty)
    {
        var context = new UpdateContext(state.Started, state.Status, state.Created);
        var ids = state.InstanceIds;
        var changed = new List<InstanceView>();
        PublishedInstance[] instances;
        if (before is not null && dirty is not null && ReferenceEquals(before.Ids, ids))
        {
            instances = before.Instances;
            if (dirty.Count > 0)
            {
                instances = (PublishedInstance[])instances.Clone();
                foreach (var id in dirty)
                {
                    var at = Array.BinarySearch(ids, id);
                    if (at < 0) continue;
                    instances[at] = Project(state, tracks, context, id, instances[at].Row, changed);
                }
            }
        }
        else
        {
            instances = new PublishedInstance[ids.Length];
            for (var i = 0; i < ids.Length; i++) instances[i] = Project(state, tracks, context, ids[i], before?.Instance(ids[i])?.Row, changed);
        }

        var header = Header(state, instances);
        return (new PublishedUpdate(header, context, ids, instances, [.. state.History], [.. state.Tail], before?.Version ?? 0, state.Journal), changed);
    }

    private static PublishedInstance Project(
        UpdateState state, Dictionary<(JobKey Job, int Instance), TaskTrack> tracks, UpdateContext context, int id, InstanceView? sent, List<InstanceView> changed)
    {
        var instance = state.Instance(id);
        var track = tracks.GetValueOrDefault((state.Key.Job, id));
        var row = InstanceProjector.Row(context, id, instance, track);
        if (!row.Equals(sent)) changed.Add(row);
        else row = sent!; // keep the published object: equal rows share one copy
        return new PublishedInstance(row, instance, track);
    }

    private static UpdateView Header(UpdateState u, PublishedInstance[] instances)
    {
        int updated = 0, failed = 0, gated = 0, watch = 0, undetermined = 0, hazards = 0;
        foreach (var instance in instances)
        {
            var row = instance.Row;
            if (row.UpdateAction == InstanceAction.InstanceUpdated) updated++;
            if (instance.State.Failed) failed++; // failed before a rollback too, whatever its latest action
            switch (row.GatingMode)
            {
                case GatingMode.HealthGated: gated++; break;
                case GatingMode.WatchSecs: watch++; break;
                default: if (row.TaskId.Length > 0) undetermined++; break;
            }

            if (row.Hazards.Count > 0) hazards++;
        }

        return new UpdateView(
            u.KeyText, u.Key.Job, u.Key.Id, u.Status, u.Started?.User ?? string.Empty, u.Created, u.LastModified,
            u.Started?.DetectionStrategy ?? DetectionStrategy.Capabilities, u.Started?.Settings ?? NoSettings, u.Started?.DesiredConfig,
            instances.Length, updated, failed, gated, watch, undetermined, hazards, u.PulseDeadline);
    }
}
