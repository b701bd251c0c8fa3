using Rollout.Domain.Model;
using Rollout.Emulator.Apps;

namespace Rollout.Emulator.Updater;

/// <summary>
/// Aurora's InstanceUpdater: moves one instance from a possibly absent old configuration to a possibly
/// absent desired one, and tells whether the replacement is stable (RUNNING with no event for
/// min-running time, or at once when health-gated), failed (its task terminated more often than
/// tolerated), or still needs an action.
/// </summary>
internal sealed class InstanceUpdater(int instanceId, TaskSpec? desired, int toleratedFailures, TimeSpan minRunning, IGatingJudge judge)
{
    private int _observedFailures;

    public int InstanceId { get; } = instanceId;

    public TaskSpec? Desired { get; } = desired;

    public int ObservedFailures => _observedFailures;

    /// <summary>The last status of the latest task that terminated on its own, for the failure's message.</summary>
    public string? LastFailure { get; private set; }

    public InstanceResult Evaluate(IObservedTask? actual, DateTimeOffset now)
    {
        var actualPresent = actual is not null && !IsPermanentlyKilled(actual);
        if (Desired is not null && actualPresent) return HandleActualAndDesiredPresent(actual!, now);
        if (Desired is not null) return InstanceResult.ReplaceTaskAndEvaluateOnStateChange; // a new instance
        if (actualPresent)
        {
            // The update removes this instance.
            return IsKillable(actual!.State) ? InstanceResult.KillTaskAndEvaluateOnStateChange : InstanceResult.EvaluateOnStateChange;
        }

        return InstanceResult.Succeeded; // nothing there and nothing wanted
    }

    private InstanceResult HandleActualAndDesiredPresent(IObservedTask actual, DateTimeOffset now)
    {
        // A task is only ever seen after its first event; without one its age would be meaningless.
        if (actual.History.Count == 0) throw new ArgumentException($"task {actual.Id} has no events", nameof(actual));
        var state = actual.State;
        if (Equals(actual.Spec, Desired))
        {
            if (state == TaskState.Running)
            {
                var stable = judge.RunningMeansHealthy(InstanceId, actual) || now - actual.LatestEventAt >= minRunning;
                return stable ? InstanceResult.Succeeded : InstanceResult.EvaluateAfterMinRunning;
            }

            if (state.IsTerminal())
            {
                _observedFailures++;
                var last = actual.History.Count > 0 ? actual.History[^1] : null;
                LastFailure = last is null ? state.WireName() : $"{last.State.WireName()} {last.Message}".TrimEnd();
                return _observedFailures > toleratedFailures ? InstanceResult.FailedTerminated : InstanceResult.EvaluateOnStateChange;
            }

            return InstanceResult.EvaluateOnStateChange; // on its way up, or being restarted
        }

        // Not the configuration wanted: kill it; once it is gone for good, add the replacement.
        if (IsKillable(state)) return InstanceResult.KillTaskAndEvaluateOnStateChange;
        if (state.IsTerminal() && IsPermanentlyKilled(actual)) return InstanceResult.ReplaceTaskAndEvaluateOnStateChange;
        return InstanceResult.EvaluateOnStateChange;
    }

    private static bool IsPermanentlyKilled(IObservedTask task) => task.State != TaskState.Killing && task.WasKilling;

    /// <summary>Aurora's Tasks.isKillable: active and not already being killed.</summary>
    private static bool IsKillable(TaskState state) => state.IsActive() && state != TaskState.Killing;
}
