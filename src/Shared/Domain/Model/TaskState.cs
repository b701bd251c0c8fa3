namespace Rollout.Domain.Model;

/// <summary>The task states that matter to an update (Aurora's ScheduleStatus subset).</summary>
public enum TaskState
{
    Pending,
    Assigned,
    Starting,
    Running,
    Killing,
    Killed,
    Finished,
    Failed,
    Lost,
}

public static class TaskStates
{
    public static bool IsTerminal(this TaskState state) =>
        state is TaskState.Killed or TaskState.Finished or TaskState.Failed or TaskState.Lost;

    public static bool IsActive(this TaskState state) => !state.IsTerminal();
}
