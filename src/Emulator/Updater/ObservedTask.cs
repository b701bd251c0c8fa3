using Rollout.Domain.Model;
using Rollout.Emulator.Apps;

namespace Rollout.Emulator.Updater;

/// <summary>What the updater reads of an instance's task: Aurora's IScheduledTask, reduced to what it uses.</summary>
internal interface IObservedTask
{
    string Id { get; }

    TaskSpec Spec { get; }

    TaskState State { get; }

    /// <summary>The task passed through KILLING at some point.</summary>
    bool WasKilling { get; }

    DateTimeOffset LatestEventAt { get; }

    /// <summary>The task's status updates so far (bounded), the evidence the gating inference reads.</summary>
    IReadOnlyList<TaskStatusUpdate> History { get; }
}

/// <summary>
/// Decides whether RUNNING already means healthy for a task (health gating), so the updater skips
/// watch_secs for it: Aurora's final implementation expresses the same with watch_secs = 0 on a
/// health-gating executor.
/// </summary>
internal interface IGatingJudge
{
    bool RunningMeansHealthy(int instanceId, IObservedTask task);
}
