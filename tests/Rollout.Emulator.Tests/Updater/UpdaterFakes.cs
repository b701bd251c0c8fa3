using Rollout.Domain.Model;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Updater;

namespace Rollout.Emulator.Tests.Updater;

/// <summary>
/// A task built by hand, as the updater reads it: Aurora's IScheduledTask in InstanceUpdaterTest, with
/// its status and its task events. As in Aurora, "was killing" and the latest event come from the events.
/// </summary>
internal sealed record FakeTask(string Id, TaskSpec Spec, TaskState State, IReadOnlyList<TaskStatusUpdate> History) : IObservedTask
{
    private static readonly JobKey Job = new("role", "env", "job");

    /// <summary>Aurora's isPermanentlyKilled looks for any KILLING event.</summary>
    public bool WasKilling => History.Any(u => u.State == TaskState.Killing);

    /// <summary>Aurora's Tasks.getLatestEvent; a task without events has none (the earliest instant here).</summary>
    public DateTimeOffset LatestEventAt => History.Count > 0 ? History[^1].Timestamp : DateTimeOffset.MinValue;

    /// <summary>Aurora's TaskUtil.makeTask(config, PENDING): a task with a single PENDING event.</summary>
    public static FakeTask Pending(TaskSpec spec, DateTimeOffset at, int instance = 0)
    {
        var id = $"{instance}-{spec.Version}-{at.ToUnixTimeSeconds()}";
        return new(id, spec, TaskState.Pending, [Event(id, instance, TaskState.Pending, at)]);
    }

    /// <summary>A task that went PENDING, ASSIGNED, STARTING and RUNNING at <paramref name="since"/>.</summary>
    public static FakeTask Running(TaskSpec spec, DateTimeOffset since, int instance = 0) =>
        Pending(spec, since, instance).MoveTo(since, TaskState.Assigned, TaskState.Starting, TaskState.Running);

    /// <summary>
    /// Aurora's changeStatusAndEvaluate: each status in turn, with an event at <paramref name="at"/>
    /// only when the status actually changes.
    /// </summary>
    public FakeTask MoveTo(DateTimeOffset at, params TaskState[] states)
    {
        var task = this;
        var instance = History.Count > 0 ? History[0].InstanceId : 0;
        foreach (var state in states)
        {
            if (state != task.State) task = task with { State = state, History = [.. task.History, Event(Id, instance, state, at)] };
        }

        return task;
    }

    private static TaskStatusUpdate Event(string id, int instance, TaskState state, DateTimeOffset at) =>
        new(id, Job, instance, state, string.Empty, at, StatusSource.Scheduler, "host");
}

/// <summary>Aurora has no health gating: RUNNING never counts as healthy, so every task waits min-running time.</summary>
internal sealed class NeverHealthGated : IGatingJudge
{
    public bool RunningMeansHealthy(int instanceId, IObservedTask task) => false;
}

/// <summary>The emulator's extension: the task's executor gates RUNNING on health, so RUNNING is healthy at once.</summary>
internal sealed class AlwaysHealthGated : IGatingJudge
{
    public bool RunningMeansHealthy(int instanceId, IObservedTask task) => true;
}

/// <summary>The task configurations Aurora's updater tests roll between. Only inequality matters to the updater.</summary>
internal static class Configs
{
    private static readonly AppProfile App = new();

    /// <summary>OLD.</summary>
    public static readonly TaskSpec Old = new("old", null, App);

    /// <summary>NEW: Aurora's OLD plus production=true, same resources and constraints.</summary>
    public static readonly TaskSpec New = new("new", null, App);

    /// <summary>NEW_EXTRA_RESOURCES: two CPUs instead of one. The emulator models no resources.</summary>
    public static readonly TaskSpec NewExtraResources = new("new-extra-resources", null, App);

    /// <summary>NEW_DIFFERENT_CONSTRAINTS: a value constraint OLD lacks. The emulator models no constraints.</summary>
    public static readonly TaskSpec NewDifferentConstraints = new("new-different-constraints", null, App);
}
