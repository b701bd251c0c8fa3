using System.Collections.Concurrent;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Insight;

/// <summary>
/// Live insight: per update an <see cref="UpdateLog"/> and its incremental fold, fed from the update's
/// journal as it grows and folded as of the scheduler's now. A built view is kept for
/// <see cref="CacheFor"/>, so the browsers watching one update share one fold. Folds of updates the model
/// no longer holds are dropped, and at most <see cref="MaxHeld"/> are kept (least recently used go first).
/// </summary>
public sealed class InsightService
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);
    public const int DefaultMaxHeld = 64;

    private readonly DashboardModel _model;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, LiveFold> _folds = new(StringComparer.Ordinal);
    private long _refolds;
    private long _builds;

    public InsightService(DashboardModel model, TimeProvider time)
        : this(model, time, DefaultMaxHeld)
    {
    }

    internal InsightService(DashboardModel model, TimeProvider time, int maxHeld)
    {
        _model = model;
        _time = time;
        MaxHeld = maxHeld;
    }

    public int MaxHeld { get; }

    /// <summary>Folds held now.</summary>
    public int Held => _folds.Count;

    /// <summary>Views built (cache misses) since start.</summary>
    public long Builds => Interlocked.Read(ref _builds);

    /// <summary>Times a fold started over since start (its clock went back, or an event came too late to slot in).</summary>
    public long Refolds => Interlocked.Read(ref _refolds);

    /// <summary>The update's insight as of the scheduler's now; null for an update the model does not hold.</summary>
    public InsightView? View(UpdateKey key) => Current(key)?.View;

    /// <summary>One batch of the update's timeline, as of the same instant as <see cref="View"/>; null for an unknown update or batch.</summary>
    public TimelineDetail? Detail(UpdateKey key, int batchIndex) => Current(key)?.Insight.Timeline.Detail(batchIndex);

    /// <summary>The headline and ETA of every update that is not terminal, oldest first.</summary>
    public IReadOnlyList<InsightSummary> Summaries()
    {
        var summaries = new List<InsightSummary>();
        foreach (var header in _model.Updates())
        {
            if (header.Status.IsTerminal()) continue;
            if (View(new UpdateKey(header.Job, header.UpdateId)) is { } view)
                summaries.Add(new InsightSummary(view.UpdateKey, view.Blockers.Headline, view.Eta));
        }

        return summaries;
    }

    private Built? Current(UpdateKey key)
    {
        var keyText = DashboardKeys.Of(key);
        if (!_model.Published.Updates.TryGetValue(keyText, out var update))
        {
            _folds.TryRemove(keyText, out _);
            return null;
        }

        var now = _time.GetUtcNow();
        var fold = _folds.AddOrUpdate(keyText,
            static (k, u) => new LiveFold(u.Key, k, u.Journal),
            static (k, held, u) => ReferenceEquals(held.Journal, u.Journal) ? held : new LiveFold(u.Key, k, u.Journal), // a new epoch: a new journal
            (Key: key, update.Journal));
        var (built, rebuilt) = fold.Get(now, CacheFor, _model.SchedulerNow);
        if (rebuilt.Built)
        {
            Interlocked.Increment(ref _builds);
            if (rebuilt.Refolds > 0) Interlocked.Add(ref _refolds, rebuilt.Refolds);
            Sweep(keyText);
        }

        return built;
    }

    /// <summary>Drops folds of updates gone from the model (or replaced), then the least recently used over the cap.</summary>
    private void Sweep(string keep)
    {
        var published = _model.Published.Updates;
        foreach (var (keyText, fold) in _folds)
        {
            if (!published.TryGetValue(keyText, out var update) || !ReferenceEquals(update.Journal, fold.Journal))
                _folds.TryRemove(new KeyValuePair<string, LiveFold>(keyText, fold));
        }

        var over = _folds.Count - MaxHeld;
        if (over <= 0) return;
        foreach (var (keyText, fold) in _folds.Where(f => f.Key != keep).OrderBy(f => f.Value.LastUsed).Take(over).ToList())
            _folds.TryRemove(new KeyValuePair<string, LiveFold>(keyText, fold));
    }

    internal sealed record Built(UpdateInsight Insight, InsightView View);

    /// <summary>One update's log and fold, and the view last built from them; everything behind its lock.</summary>
    private sealed class LiveFold(UpdateKey key, string keyText, UpdateJournal journal)
    {
        private readonly Lock _gate = new();
        private readonly UpdateLog _log = new(key);
        private UpdateInsightFold? _fold;
        private int _read;
        private Built? _built;
        private DateTimeOffset _builtAt;
        private DateTimeOffset _asOf = DateTimeOffset.MinValue;
        private long _lastUsed;

        public UpdateJournal Journal => journal;

        public long LastUsed => Volatile.Read(ref _lastUsed);

        public (Built View, (bool Built, int Refolds) Rebuilt) Get(DateTimeOffset now, TimeSpan cacheFor, DateTimeOffset schedulerNow)
        {
            Volatile.Write(ref _lastUsed, now.UtcTicks);
            lock (_gate)
            {
                if (_built is { } cached && now >= _builtAt && now - _builtAt < cacheFor) return (cached, (false, 0));

                var items = journal.ReadFrom(_read, out var to);
                foreach (var item in items)
                {
                    if (item is TaskStatusUpdate status) _log.Add(status);
                    else if (item is UpdaterEvent e) _log.Add(e);
                }

                _read = to;
                _fold ??= new UpdateInsightFold(_log);
                var refoldsBefore = _fold.Refolds;
                // Never back: the scheduler clock's estimate may slip a little, and moving back refolds from the start.
                _asOf = schedulerNow > _asOf ? schedulerNow : _asOf;
                var insight = _fold.Build(_asOf);
                _built = new Built(insight, insight.View(keyText));
                _builtAt = now;
                return (_built, (true, _fold.Refolds - refoldsBefore));
            }
        }
    }
}
