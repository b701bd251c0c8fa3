using System.Collections.Immutable;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;

namespace Rollout.Server.Tests.Properties;

/// <summary>One update as the upstream's updater knows it.</summary>
internal sealed record RolloutState(UpdateKey Key, UpdateStatus Status, bool Coordinated, ImmutableDictionary<int, InstanceAction> Actions);

/// <summary>
/// The updater side of the upstream: updates start one at a time per job, change status only as
/// Aurora's state machine allows (pause, resume, roll back, pulses, an end), and act on instances in
/// order (UPDATING then UPDATED or failed; ROLLING_BACK then ROLLED_BACK or failed). Immutable, so a
/// restart can go back to any earlier state.
/// </summary>
internal sealed record Rollouts(ImmutableList<RolloutState> Updates)
{
    private const int PulseSecs = 60;
    private static readonly HealthCheckConfig Checks = new(10, 5, 1, 2);

    public static Rollouts Initial { get; } = new(ImmutableList<RolloutState>.Empty);

    public RolloutState? Active => Updates.Count > 0 && Updates[^1].Status.IsActive() ? Updates[^1] : null;

    /// <summary>A new update of <paramref name="key"/>, unless one is active (then a status change instead).</summary>
    public (Rollouts Next, IReadOnlyList<UpdaterEvent> Events) Start(UpdateKey key, int choice, Func<DateTimeOffset> at)
    {
        if (Active is not null) return ChangeStatus(choice, at);
        var coordinated = choice % 4 == 3;
        var settings = new UpdateSettings
        {
            Strategy = (UpdateStrategyKind)(choice % 2),
            GroupSize = 1 + (choice % 2),
            WatchSecs = choice % 3 == 0 ? 0 : 30,
            ExecutorDrivenUpdates = choice % 5 == 1,
            MaxPerInstanceFailures = 1,
            MaxFailedInstances = 1,
            PulseIntervalSecs = coordinated ? PulseSecs : 0,
        };
        var desired = new TaskConfigSummary($"v{key.Id}", choice % 6 == 5 ? null : Checks);
        var started = new UpdateStarted(key, at(), "alice", settings, new TaskConfigSummary("v0", Checks), desired,
            [new InstanceRange(0, TaskLives.InstanceCount - 1)], [new InstanceRange(0, TaskLives.InstanceCount - 1)],
            (DetectionStrategy)(choice % 3));
        var rolling = new UpdateStatusChanged(key, at(), UpdateStatus.RollingForward, "alice", "started");
        var state = new RolloutState(key, UpdateStatus.RollingForward, coordinated, ImmutableDictionary<int, InstanceAction>.Empty);
        return (new Rollouts(Updates.Add(state)), [started, rolling]);
    }

    /// <summary>A transition the state machine allows from the active update's status; none when no update is active.</summary>
    public (Rollouts Next, IReadOnlyList<UpdaterEvent> Events) ChangeStatus(int choice, Func<DateTimeOffset> at)
    {
        if (Active is not { } u) return (this, []);
        (UpdateStatus To, string User, string Message)[] allowed = u.Status switch
        {
            UpdateStatus.RollingForward =>
            [
                (UpdateStatus.RollForwardPaused, "bob", "hold on"), (UpdateStatus.RollingBack, "", "too many failures"),
                (UpdateStatus.RolledForward, "", ""), (u.Coordinated ? UpdateStatus.RollForwardAwaitingPulse : UpdateStatus.RollForwardPaused, "", "Update auto paused"),
            ],
            UpdateStatus.RollForwardPaused => [(UpdateStatus.RollingForward, "bob", "go on"), (UpdateStatus.Aborted, "bob", "enough")],
            UpdateStatus.RollingBack => [(UpdateStatus.RollBackPaused, "bob", "hold the rollback"), (UpdateStatus.RolledBack, "", "")],
            UpdateStatus.RollBackPaused => [(UpdateStatus.RollingBack, "bob", "go on back"), (UpdateStatus.Aborted, "bob", "enough")],
            UpdateStatus.RollForwardAwaitingPulse => [(UpdateStatus.RollForwardPaused, "bob", "hold on"), (UpdateStatus.Aborted, "bob", "no pulses")],
            _ => [(UpdateStatus.Aborted, "bob", "enough")],
        };
        var (to, user, message) = allowed[choice % allowed.Length];
        return Changed(u with { Status = to }, [new UpdateStatusChanged(u.Key, at(), to, user, message)]);
    }

    /// <summary>The active update acts on the instance: its next action in the update's direction, with the updater's gating decision first.</summary>
    public (Rollouts Next, IReadOnlyList<UpdaterEvent> Events) Act(int instance, int choice, string taskId, Func<DateTimeOffset> at)
    {
        if (Active is not { } u || u.Status.IsPaused() || u.Status is UpdateStatus.RollForwardAwaitingPulse or UpdateStatus.RollBackAwaitingPulse) return (this, []);
        var backward = u.Status.IsBackward();
        InstanceAction? next = (backward, u.Actions.TryGetValue(instance, out var held) ? held : (InstanceAction?)null) switch
        {
            (false, null) => InstanceAction.InstanceUpdating,
            (false, InstanceAction.InstanceUpdating) => choice % 4 == 3 ? InstanceAction.InstanceUpdateFailed : InstanceAction.InstanceUpdated,
            (true, InstanceAction.InstanceRollingBack) => choice % 4 == 3 ? InstanceAction.InstanceRollbackFailed : InstanceAction.InstanceRolledBack,
            (true, null or InstanceAction.InstanceRolledBack or InstanceAction.InstanceRollbackFailed) => null, // never updated, or done
            (true, _) => InstanceAction.InstanceRollingBack,
            _ => null,
        };
        if (next is not { } action) return (this, []);
        var events = new List<UpdaterEvent>();
        if (action is InstanceAction.InstanceUpdated or InstanceAction.InstanceRolledBack && taskId.Length > 0)
        {
            var mode = choice % 2 == 0 ? GatingMode.HealthGated : GatingMode.WatchSecs;
            var when = at();
            events.Add(new GatingDecisionMade(u.Key, when, instance, taskId, mode, mode == GatingMode.HealthGated ? "executor gates on health" : "no evidence of gating",
                mode == GatingMode.WatchSecs ? when.AddSeconds(30) : null));
        }

        events.Add(new InstanceActionRecorded(u.Key, at(), instance, action, action is InstanceAction.InstanceUpdateFailed ? "task failed" : string.Empty));
        return Changed(u with { Actions = u.Actions.SetItem(instance, action) }, events);
    }

    /// <summary>A pulse for a coordinated update; one awaiting its pulse rolls on.</summary>
    public (Rollouts Next, IReadOnlyList<UpdaterEvent> Events) Pulse(Func<DateTimeOffset> at)
    {
        if (Active is not { Coordinated: true } u) return (this, []);
        var when = at();
        var events = new List<UpdaterEvent> { new PulseReceived(u.Key, when, when.AddSeconds(PulseSecs)) };
        if (u.Status is UpdateStatus.RollForwardAwaitingPulse)
        {
            events.Add(new UpdateStatusChanged(u.Key, at(), UpdateStatus.RollingForward, "", "pulsed"));
            u = u with { Status = UpdateStatus.RollingForward };
        }

        return Changed(u, events);
    }

    private (Rollouts, IReadOnlyList<UpdaterEvent>) Changed(RolloutState u, IReadOnlyList<UpdaterEvent> events) =>
        (new Rollouts(Updates.SetItem(Updates.Count - 1, u)), events);
}
