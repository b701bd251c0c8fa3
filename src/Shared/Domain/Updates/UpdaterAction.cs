namespace Rollout.Domain.Updates;

/// <summary>Aurora's JobUpdateStateMachine.MonitorAction: what the updater does once an update enters a status.</summary>
public enum UpdaterAction
{
    /// <summary>The update is not rolling: stop acting on its instances.</summary>
    StopWatching,

    /// <summary>Drive the instances towards the update's desired configuration.</summary>
    RollForward,

    /// <summary>Drive the instances back to their initial configuration.</summary>
    RollBack,
}
