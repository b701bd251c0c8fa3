using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>One stretch of an instance's bar: from <see cref="StartMs"/> (ms after the update started) until the next.</summary>
internal readonly record struct PhaseSegment(int StartMs, InstancePhase Phase, byte Detail);

/// <summary>What the fold knows of one instance: its updater actions, its current task, and its bar so far.</summary>
internal sealed class InstanceTrack(int id, int index)
{
    public int Id { get; } = id;

    /// <summary>Position in the update's instances, ordered by id.</summary>
    public int Index { get; } = index;

    public List<PhaseSegment> Segments { get; } = new(6);

    public DateTimeOffset? ForwardStart { get; set; }

    public InstanceAction? ForwardOutcome { get; set; }

    public int ForwardBatch { get; set; } = -1;

    public DateTimeOffset? BackStart { get; set; }

    public InstanceAction? BackOutcome { get; set; }

    public int BackBatch { get; set; } = -1;

    // The instance's current task: the latest one seen, whichever configuration it runs.
    public string? TaskId { get; set; }

    public TaskState? TaskState { get; set; }

    public TaskState FirstState { get; set; }

    public DateTimeOffset FirstAt { get; set; }

    public DateTimeOffset LastAt { get; set; }

    public DateTimeOffset? StartingAt { get; set; }

    public DateTimeOffset? RunningAt { get; set; }

    /// <summary>When the task stopped running: KILLING or a terminal state.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>When the instance was counted updated (or rolled back) while this task was current.</summary>
    public DateTimeOffset? CountedAt { get; set; }

    public HealthCheckProgress? Progress { get; set; }

    public DateTimeOffset? LastCheckAt { get; set; }

    public List<TaskStatusUpdate> History { get; } = new(8);

    /// <summary>The updater's latest gating decision for the instance (any task).</summary>
    public GatingDecisionMade? Decision { get; set; }

    /// <summary>The rolling run <see cref="RunFailures"/> counts in; a fresh updater starts from zero.</summary>
    public int FailureRun { get; set; }

    public int RunFailures { get; set; }

    /// <summary>New tasks of this instance that died on their own, over the whole update.</summary>
    public int TaskFailures { get; set; }

    public InstancePhase Phase { get; set; }

    /// <summary>The phase of the current task alone, whatever the direction (what a rollback is doing).</summary>
    public InstancePhase TaskPhase { get; set; }

    public byte Detail { get; set; }

    /// <summary>The strategy comparison last built for the instance, reused while <see cref="ComparedFrom"/> still holds.</summary>
    public InstanceStrategyComparison? Comparison { get; set; }

    /// <summary>What <see cref="Comparison"/> was built from: the task, how many of its events, the decision, the rollback's start.</summary>
    public (string? TaskId, int Events, GatingDecisionMade? Decision, DateTimeOffset? BackStart) ComparedFrom { get; set; }

    /// <summary>The start of the instance's latest action: rolling back if it is, else updating.</summary>
    public DateTimeOffset? ActionStart => BackStart ?? ForwardStart;

    public bool Touched => ForwardStart is not null || BackStart is not null;

    public bool InFlight(bool backward) =>
        backward ? BackStart is not null && BackOutcome is null : ForwardStart is not null && ForwardOutcome is null;

    /// <summary>The gating decision when it is about the current task; null otherwise.</summary>
    public GatingDecisionMade? CurrentDecision => Decision is { } d && d.TaskId == TaskId ? d : null;

    /// <summary>
    /// Whether the current task is one the update launched: every launched or restarted task starts
    /// PENDING; a log that begins late is given the benefit of the doubt after the action started.
    /// </summary>
    public bool TaskIsNew =>
        TaskId is not null
        && (FirstState == Model.TaskState.Pending
            || (ActionStart is { } start && FirstAt >= start
                && FirstState is Model.TaskState.Assigned or Model.TaskState.Starting or Model.TaskState.Running));

    /// <summary>Failures in the given rolling run: Aurora counts them per one-way updater, so a resume starts over.</summary>
    public int FailuresIn(int run) => FailureRun == run ? RunFailures : 0;
}
