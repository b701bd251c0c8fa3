using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>
/// What one detection strategy would decide for one instance's task, on what evidence, and what it would cost.
/// </summary>
/// <param name="EvidenceAt">When the deciding evidence arrived (S3: the update's start, where the settings bit comes from).</param>
/// <param name="EvidenceAfterTaskStart">How long after the task's first event the evidence arrived.</param>
/// <param name="TimeToCounted">
/// From STARTING until the instance counts as updated under this strategy: the observed STARTING to RUNNING, plus
/// watch_secs when the strategy waits; null while the task is not RUNNING or the strategy cannot decide.
/// </param>
/// <param name="Unsafe">The strategy trusts RUNNING while the task's own evidence says its executor does not gate on health.</param>
public sealed record StrategyVerdict(
    DetectionStrategy Strategy,
    GatingMode Mode,
    ExecutorVersion Version,
    string Evidence,
    DateTimeOffset? EvidenceAt,
    TimeSpan? EvidenceAfterTaskStart,
    TimeSpan? TimeToCounted,
    bool Unsafe);

/// <summary>S1, S2 and S3 side by side for one instance's latest task in the update.</summary>
/// <param name="EvidenceMode">What the task's own messages say, whatever the strategy (see GatingEvaluator.EvidenceMode).</param>
/// <param name="UpdaterMode">What the updater decided for this task, if it has.</param>
/// <param name="StartToRunning">The observed STARTING to RUNNING: the gate the executor held, when it gates.</param>
/// <param name="Differ">The strategies that decided disagree.</param>
public sealed record InstanceStrategyComparison(
    int InstanceId,
    string TaskId,
    StrategyVerdict S1,
    StrategyVerdict S2,
    StrategyVerdict S3,
    GatingMode EvidenceMode,
    GatingMode? UpdaterMode,
    TimeSpan? StartToRunning,
    bool Differ)
{
    public IEnumerable<StrategyVerdict> Verdicts => [S1, S2, S3];

    public StrategyVerdict For(DetectionStrategy strategy) => strategy switch
    {
        DetectionStrategy.MessagePresence => S1,
        DetectionStrategy.Capabilities => S2,
        _ => S3,
    };

    /// <summary>One line: each strategy's mode and evidence.</summary>
    public string Describe() => string.Join("; ", Verdicts.Select(v =>
        $"{v.Strategy.ShortName()}: {v.Mode.WireName()}{(v.Unsafe ? " (unsafe)" : string.Empty)}, {v.Evidence}"));
}

/// <summary>One strategy over the whole update.</summary>
/// <param name="TimeToCounted">Sum over the instances it decided of their time from STARTING to counted.</param>
/// <param name="WatchWait">The watch_secs instance-time it would wait: watch_secs per instance it does not gate.</param>
public sealed record StrategyTotals(
    DetectionStrategy Strategy,
    int HealthGated,
    int WatchSecs,
    int Undetermined,
    int Unsafe,
    TimeSpan TimeToCounted,
    TimeSpan WatchWait);

/// <summary>S1, S2 and S3 compared over an update's instances that have a task of their own in it.</summary>
/// <param name="Used">The strategy the update uses.</param>
/// <param name="Disagreements">Instances where the strategies that decided disagree.</param>
public sealed record StrategyComparison(
    DetectionStrategy Used,
    IReadOnlyList<InstanceStrategyComparison> Instances,
    IReadOnlyList<StrategyTotals> Totals,
    int Disagreements,
    string Summary)
{
    public StrategyTotals TotalsFor(DetectionStrategy strategy) => Totals.First(t => t.Strategy == strategy);
}
