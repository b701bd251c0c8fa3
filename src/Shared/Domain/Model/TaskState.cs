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

    /// <summary>
    /// A state number this build does not know (the event's <see cref="TaskStatusUpdate.UnknownState"/>
    /// holds it). Shown in the task's timeline and counted; never taken as the instance's state.
    /// </summary>
    Unknown,
}

public static class TaskStates
{
    public static bool IsTerminal(this TaskState state) =>
        state is TaskState.Killed or TaskState.Finished or TaskState.Failed or TaskState.Lost;

    public static bool IsActive(this TaskState state) => !state.IsTerminal();

    /// <summary>The wire name, or "UNKNOWN(17)" for a state number this build does not know.</summary>
    public static string DisplayName(this TaskState state, int? unknownNumber) =>
        state == TaskState.Unknown ? UnknownValueNames.Of(unknownNumber) : state.WireName();
}

/// <summary>How a value this build does not know is shown: "UNKNOWN(17)", the number as sent.</summary>
public static class UnknownValueNames
{
    public static string Of(int? number) => number is { } n ? $"UNKNOWN({n})" : "UNKNOWN";
}
