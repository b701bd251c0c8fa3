using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Emulator.Tests.Insight;

/// <summary>
/// Where each instance of an update is, read from the engine's own answers (its update details and the
/// latest status update of each instance) rather than from the insight fold.
/// </summary>
internal static class EnginePhases
{
    public static Dictionary<int, InstancePhase> Of(RecordedRun run)
    {
        var details = run.Harness.Engine.GetUpdateDetails(run.Key) ?? throw new InvalidOperationException($"no update {run.Key}");
        var actions = details.InstanceEvents.GroupBy(e => e.InstanceId).ToDictionary(g => g.Key, g => g.Select(e => e.Action).ToHashSet());
        var latest = run.Harness.StatusUpdates().Select(e => e.Item).Where(u => u.Job == run.Key.Job)
            .GroupBy(u => u.InstanceId).ToDictionary(g => g.Key, g => g.Last());

        var phases = new Dictionary<int, InstancePhase>();
        foreach (var id in latest.Keys)
        {
            var done = actions.GetValueOrDefault(id) ?? [];
            phases[id] = done switch
            {
                _ when done.Contains(InstanceAction.InstanceRolledBack) => InstancePhase.RolledBack,
                _ when done.Contains(InstanceAction.InstanceRollbackFailed) => InstancePhase.Failed,
                _ when done.Contains(InstanceAction.InstanceRollingBack) => InstancePhase.RollingBack,
                _ when done.Contains(InstanceAction.InstanceUpdated) => InstancePhase.Updated,
                _ when done.Contains(InstanceAction.InstanceUpdateFailed) => InstancePhase.Failed,
                _ when done.Contains(InstanceAction.InstanceUpdating) => OfTask(latest[id]),
                _ => InstancePhase.Waiting,
            };
        }

        return phases;
    }

    private static InstancePhase OfTask(TaskStatusUpdate latest) => latest.State switch
    {
        TaskState.Pending or TaskState.Assigned or TaskState.Killed => InstancePhase.Pending,
        TaskState.Starting => latest.HealthCheck is null ? InstancePhase.Starting : InstancePhase.HealthChecking,
        TaskState.Running => InstancePhase.Watching,
        TaskState.Killing => InstancePhase.Killing,
        _ => InstancePhase.Restarting,
    };
}
