using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Tests.Support;

namespace Rollout.Emulator.Tests.Aurora;

/// <summary>
/// What the JobUpdaterIT ports share. JobUpdaterIT moves tasks through their states by hand; here the
/// emulated executors do it, so its hand-driven situations are made from these pieces:
/// <list type="bullet">
/// <item>vPrev executors report RUNNING as the process starts and the updater waits watch_secs: Aurora's
/// WATCH_TIMEOUT wait. vCurrent executors hold STARTING until healthy, so RUNNING counts at once.</item>
/// <item><see cref="Old"/> tasks take 20 s to die, a window to act in between an instance's
/// INSTANCE_UPDATING and the placement of its replacement.</item>
/// <item>One instance failing while others succeed: <see cref="Crashing"/> tasks die 20 s into RUNNING.
/// On vCurrent that is after they counted as updated; on vPrev it is before watch_secs ran out. The pool
/// switches to vPrev when the failing instance starts (<see cref="FailWhenUpdating"/>). Failed tasks are
/// not restarted within a test (<see cref="NoRestarts"/>), as a scheduler's reschedule would only add noise.</item>
/// </list>
/// </summary>
internal static class JobUpdaterIt
{
    /// <summary>The IT's AuditData.</summary>
    public const string User = "user";

    public const string Message = "message";

    /// <summary>minWaitInInstanceRunningMs: long enough for a <see cref="Crashing"/> task to die inside it.</summary>
    public const int WatchSecs = 60;

    public const string PulseTimeoutMessage = "Pulses from external service have timed out.";

    public const string AutoPausedMessage = "Update auto paused";

    public static readonly TimeSpan Watch = TimeSpan.FromSeconds(WatchSecs);

    /// <summary>OLD_CONFIG: healthy a second after it starts, 20 s to kill.</summary>
    public static readonly TaskSpec Old = new("v1", EngineHarness.Hc, new AppProfile { HealthyAfterSecs = new(1, 1), KillSecs = 20 });

    /// <summary>NEW_CONFIG.</summary>
    public static readonly TaskSpec New = new("v2", EngineHarness.Hc, new AppProfile { HealthyAfterSecs = new(1, 1) });

    /// <summary>NEW_CONFIG whose process exits 20 s into RUNNING.</summary>
    public static readonly TaskSpec Crashing = New with { App = New.App with { CrashAfterRunningSecs = 20 } };

    /// <summary>Ten days: a failed task is not restarted while a test runs.</summary>
    public static EngineOptions NoRestarts { get; } = new() { RestartDelaySecs = TimeSpan.FromDays(10).TotalSeconds };

    /// <summary>The IT's makeJobUpdate settings: queue of 1, rollback on failure, no failure tolerated.</summary>
    public static UpdateSettings Queue { get; } = new()
    {
        Strategy = UpdateStrategyKind.Queue,
        GroupSize = 1,
        WatchSecs = WatchSecs,
        MaxPerInstanceFailures = 0,
        MaxFailedInstances = 0,
        RollbackOnFailure = true,
    };

    public static UpdateSettings Batch(int size) => Queue with { Strategy = UpdateStrategyKind.Batch, GroupSize = size };

    public static UpdateSettings VarBatch(params int[] sizes) => Queue with { Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = sizes };

    public static ControlResult Steer(this EngineHarness h, ControlCommand command, UpdateKey key) =>
        h.Engine.Control(command, key, User, Message);

    /// <summary>Instance actions in the order recorded.</summary>
    public static IReadOnlyList<(int Instance, InstanceAction Action)> Trail(this EngineHarness h, UpdateKey key) =>
        h.Actions(key).Select(a => (a.InstanceId, a.Action)).ToList();

    public static bool Has(this EngineHarness h, UpdateKey key, int instance, InstanceAction action) =>
        h.Actions(key).Any(a => a.InstanceId == instance && a.Action == action);

    /// <summary>The IT's assertState: per instance, its actions in time order; instances without actions absent.</summary>
    public static void AssertActions(this EngineHarness h, UpdateKey key, params (int Instance, InstanceAction Action)[] expected)
    {
        static string Render(IEnumerable<(int Instance, InstanceAction Action)> actions) => string.Join(" | ", actions
            .GroupBy(a => a.Instance)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: {string.Join(" ", g.Select(a => a.Action.WireName()))}"));

        Assert.Equal(Render(expected), Render(h.Trail(key)));
    }

    /// <summary>Instances that got <paramref name="action"/>, grouped by instant, e.g. "2,1 | 0".</summary>
    public static string Waves(this EngineHarness h, UpdateKey key, InstanceAction action) => string.Join(" | ", h.Actions(key)
        .Where(a => a.Action == action)
        .GroupBy(a => a.Timestamp)
        .Select(g => string.Join(",", g.Select(a => a.InstanceId))));

    public static UpdateStatusChanged LastStatusEvent(this EngineHarness h, UpdateKey key) =>
        h.UpdaterEvents<UpdateStatusChanged>(key)[^1];

    /// <summary>A transition the updater made on its own: Aurora records it with no user.</summary>
    public static void AssertAutomatic(UpdateStatusChanged change, UpdateStatus status, string message) =>
        Assert.Equal((status, string.Empty, message), (change.Status, change.User, change.Message));

    public static void AssertByOperator(UpdateStatusChanged change, UpdateStatus status) =>
        Assert.Equal((status, User, Message), (change.Status, change.User, change.Message));

    /// <summary>The update's first status change to <paramref name="status"/>.</summary>
    public static UpdateStatusChanged StatusEvent(this EngineHarness h, UpdateKey key, UpdateStatus status) =>
        h.UpdaterEvents<UpdateStatusChanged>(key).FirstOrDefault(e => e.Status == status)
            ?? throw new Xunit.Sdk.XunitException($"no change to {status.WireName()}");

    /// <summary>JobUpdateControllerImpl.failureMessage(instance, Failure.EXITED).</summary>
    public static string FailureMessage(int instance) => $"Latest failure: instance {instance} exited.";

    /// <summary>
    /// Leaves the first <paramref name="count"/> instances of <paramref name="job"/> on <paramref name="spec"/>
    /// and the rest as they were: an update auto-paused after its first batch, then aborted.
    /// </summary>
    public static void UpdateFirst(this EngineHarness h, JobKey job, TaskSpec spec, int count)
    {
        var setup = h.Update(job, Batch(count) with { AutoPauseAfterBatch = true }, spec);
        h.RunUntil(() => h.Engine.StatusOf(setup) == UpdateStatus.RollForwardPaused, "setup update paused after its first batch");
        Assert.Equal(ControlOutcome.Ok, h.Engine.Control(ControlCommand.Abort, setup, User, "setup done").Outcome);
        h.Run(Watch);
    }

    /// <summary>
    /// Once <paramref name="instance"/> is INSTANCE_UPDATING, rolls the pool's executors back to vPrev: its
    /// replacement, placed after the old task's 20 s kill, must survive watch_secs, which a <see cref="Crashing"/> task does not.
    /// </summary>
    public static void FailWhenUpdating(this EngineHarness h, UpdateKey key, string pool, int instance)
    {
        h.RunUntil(() => h.Has(key, instance, InstanceAction.InstanceUpdating), $"instance {instance} INSTANCE_UPDATING");
        h.Engine.SetExecutorMix(pool, 0);
    }

    /// <summary>Pulses every second, as a coordinator would, until <paramref name="condition"/> holds.</summary>
    public static void PulseUntil(this EngineHarness h, UpdateKey key, Func<bool> condition, string what)
    {
        h.RunUntil(() =>
        {
            if (condition()) return true;
            h.Engine.Pulse(key);
            return false;
        }, what);
    }

    public static UpdateStatus PulseToEnd(this EngineHarness h, UpdateKey key)
    {
        h.PulseUntil(key, () => h.Engine.StatusOf(key) is { } s && s.IsTerminal(), "update finished");
        return h.Engine.StatusOf(key)!.Value;
    }
}
