namespace Rollout.Domain.Insight;

/// <summary>
/// Folds one <see cref="UpdateLog"/> as of an instant, incrementally: moving forward applies only the
/// events stamped since the last call, each once, in timestamp order. Events slotted in before what was
/// applied (the two streams arrive independently, so one lags) are applied where the fold stands when
/// they are within <see cref="InsightOptions.LateEventWindow"/> of the newest applied; older ones, and
/// moving back in time, refold from the start. Views are built from the folded state in time linear in
/// the instances. Not thread-safe: one fold per reader.
/// </summary>
public sealed class UpdateInsightFold
{
    private readonly UpdateLog _log;
    private FoldState _state;
    private int _applied;
    private long _lastArrival = -1;
    // Every entry with an arrival number below this existed at the last advance, and only those.
    private long _arrivalMark;
    private DateTimeOffset _newestApplied = DateTimeOffset.MinValue;
    private DateTimeOffset? _asOf;

    public UpdateInsightFold(UpdateLog log, InsightOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        Options = options ?? InsightOptions.Default;
        _state = new FoldState(Options);
    }

    public InsightOptions Options { get; }

    /// <summary>The instant the fold stands at; views describe the update as of it.</summary>
    public DateTimeOffset AsOf => _asOf ?? throw new InvalidOperationException("call AdvanceTo first");

    /// <summary>Log entries applied so far.</summary>
    public int Applied => _applied;

    /// <summary>How often the fold started over (moved back in time, or an event came too late): worth a metric.</summary>
    public int Refolds { get; private set; }

    /// <summary>Applies every entry stamped at or before <paramref name="asOf"/>; entries after it are left for later.</summary>
    public void AdvanceTo(DateTimeOffset asOf)
    {
        if ((_asOf is { } previous && asOf < previous) || !CatchUpLate()) Refold();

        while (_applied < _log.Count)
        {
            var entry = _log[_applied];
            if (entry.Timestamp > asOf) break;
            Apply(entry);
            _applied++;
        }

        _arrivalMark = _log.Arrivals;
        _asOf = asOf;
    }

    public UpdateTimeline Timeline() => TimelineBuilder.Build(_state, AsOf);

    public UpdateEta Eta() => EtaEstimator.Estimate(_state, AsOf);

    public GatingInsight Gating() => GatingInsightCalculator.Compute(_state, AsOf);

    public BlockedExplanation Blockers() => BlockingExplainer.Explain(_state, AsOf);

    public StrategyComparison Strategies() => StrategyComparer.Compare(_state);

    /// <summary>Advances to <paramref name="asOf"/> and builds every view.</summary>
    public UpdateInsight Build(DateTimeOffset asOf)
    {
        AdvanceTo(asOf);
        return new UpdateInsight(_log.Update, asOf, _state.Status, Timeline(), Eta(), Gating(), Blockers(), Strategies());
    }

    private void Apply(in UpdateLogEntry entry)
    {
        _state.Apply(entry);
        _lastArrival = entry.Arrival;
        if (entry.Timestamp > _newestApplied) _newestApplied = entry.Timestamp;
    }

    /// <summary>
    /// Finds entries slotted in before the last one applied and applies them; false when one is too
    /// late for that (or the log is not what the fold saw), and the fold must start over.
    /// </summary>
    private bool CatchUpLate()
    {
        if (_applied == 0) return true;
        if (_applied > _log.Count) return false;
        if (_log[_applied - 1].Arrival == _lastArrival) return true;

        // The last entry applied moved right by as many entries as were slotted in before it.
        var moved = _applied - 1;
        while (moved < _log.Count && _log[moved].Arrival != _lastArrival) moved++;
        if (moved == _log.Count) return false;
        var late = new List<int>(moved - _applied + 1);
        for (var i = moved - 1; i >= 0 && late.Count < moved - _applied + 1; i--)
        {
            var entry = _log[i];
            // The log is in timestamp order: past the window, every entry further back is older still.
            if (_newestApplied - entry.Timestamp > Options.LateEventWindow) return false;
            if (entry.Arrival >= _arrivalMark) late.Add(i);
        }

        for (var k = late.Count - 1; k >= 0; k--) Apply(_log[late[k]]);
        _lastArrival = _log[moved].Arrival;
        _applied = moved + 1;
        return true;
    }

    private void Refold()
    {
        Refolds++;
        _state = new FoldState(Options);
        _applied = 0;
        _lastArrival = -1;
        _newestApplied = DateTimeOffset.MinValue;
    }
}
