namespace Rollout.Domain.Insight;

/// <summary>
/// Folds one <see cref="UpdateLog"/> as of an instant, incrementally: moving forward applies only the
/// events stamped since the last call (each once, in timestamp order); moving back, or a late event
/// slotted in before what was already applied, refolds from the start. Views are built from the folded
/// state in time linear in the instances. Not thread-safe: one fold per reader.
/// </summary>
public sealed class UpdateInsightFold
{
    private readonly UpdateLog _log;
    private FoldState _state;
    private int _applied;
    private long _lastArrival = -1;
    private DateTimeOffset? _asOf;

    public UpdateInsightFold(UpdateLog log, InsightOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        _log = log;
        Options = options ?? InsightOptions.Default;
        _state = new FoldState(log.Update, Options);
    }

    public InsightOptions Options { get; }

    /// <summary>The instant the fold stands at; views describe the update as of it.</summary>
    public DateTimeOffset AsOf => _asOf ?? throw new InvalidOperationException("call AdvanceTo first");

    /// <summary>Log entries applied so far.</summary>
    public int Applied => _applied;

    /// <summary>Applies every entry stamped at or before <paramref name="asOf"/>; entries after it are left for later.</summary>
    public void AdvanceTo(DateTimeOffset asOf)
    {
        var stale = _asOf is { } previous && asOf < previous;
        stale |= _applied > _log.Count || (_applied > 0 && _log[_applied - 1].Arrival != _lastArrival);
        if (stale)
        {
            _state = new FoldState(_log.Update, Options);
            _applied = 0;
        }

        while (_applied < _log.Count)
        {
            var entry = _log[_applied];
            if (entry.Timestamp > asOf) break;
            _state.Apply(entry);
            _lastArrival = entry.Arrival;
            _applied++;
        }

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
}
