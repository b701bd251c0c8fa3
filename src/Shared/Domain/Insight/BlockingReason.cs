using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>Why an update is not moving (or what it is doing), one kind per reason.</summary>
public enum BlockingKind
{
    /// <summary>The log has no start or no status yet.</summary>
    NotStarted,

    /// <summary>The update is terminal.</summary>
    Finished,

    /// <summary>Paused by an operator (or the scheduler), with who and why.</summary>
    Paused,

    /// <summary>Paused by the updater itself after a batch (autoPauseAfterBatch).</summary>
    AutoPaused,

    /// <summary>A coordinated update waiting for a pulse.</summary>
    AwaitingPulse,

    /// <summary>New tasks in health checks on an executor that holds STARTING until they pass.</summary>
    HealthChecks,

    /// <summary>New tasks STARTING with no health check reported yet.</summary>
    Starting,

    /// <summary>RUNNING tasks waiting out watch_secs.</summary>
    WatchCountdown,

    /// <summary>RUNNING tasks that count as soon as the updater evaluates them again (it is paused or blocked).</summary>
    AwaitingEvaluation,

    /// <summary>New tasks PENDING or ASSIGNED.</summary>
    TasksPending,

    /// <summary>Old tasks being killed.</summary>
    TasksKilling,

    /// <summary>New tasks that died on their own and are being rescheduled.</summary>
    TasksRestarting,

    /// <summary>Instances whose new tasks failed, against max_per_instance_failures.</summary>
    InstanceRetries,

    /// <summary>Failed instances against max_failed_instances.</summary>
    FailureBudget,

    /// <summary>A coordinated update rolling: it blocks unless pulsed by the deadline.</summary>
    PulseDue,

    /// <summary>Rolling with nothing in flight: the next batch starts (or the update finishes) at once.</summary>
    NothingBlocks,
}

/// <summary>
/// One reason in plain words, with the instances concerned (the first few ids, most urgent first, and
/// how many in all) and the instant it resolves or bites when there is one.
/// </summary>
/// <param name="Brief">A few words for a one-line summary.</param>
public sealed record BlockingReason(
    BlockingKind Kind,
    string Text,
    string Brief,
    IReadOnlyList<int> Instances,
    int InstanceCount,
    DateTimeOffset? Deadline);

/// <summary>What an update is waiting on at one instant, most important first, and a one-line form for a list.</summary>
public sealed record BlockedExplanation(UpdateStatus? Status, IReadOnlyList<BlockingReason> Reasons, string Headline)
{
    public bool Has(BlockingKind kind) => Reasons.Any(r => r.Kind == kind);

    public BlockingReason? Find(BlockingKind kind) => Reasons.FirstOrDefault(r => r.Kind == kind);
}
