namespace Rollout.Emulator.Updater;

/// <summary>Aurora's SideEffect.InstanceUpdateStatus: an instance's place in a one-way update.</summary>
internal enum InstanceUpdateStatus
{
    Idle,
    Working,
    Succeeded,
    Failed,
}

/// <summary>
/// What one evaluation of an instance asks the controller to do, and how the instance's status moved:
/// it may have become WORKING, and reached SUCCEEDED or FAILED, in the same evaluation.
/// </summary>
internal readonly record struct SideEffect(int InstanceId, TaskAction Action, bool BecameWorking, InstanceUpdateStatus? Reached)
{
    /// <summary>The failure reason Aurora gives for a task that exited.</summary>
    public bool Exited => Reached == InstanceUpdateStatus.Failed;

    public bool ReachedTerminal => Reached is InstanceUpdateStatus.Succeeded or InstanceUpdateStatus.Failed;

    /// <summary>Became WORKING and SUCCEEDED at once: Aurora's no-op instance.</summary>
    public bool IsNoOp => BecameWorking && Reached == InstanceUpdateStatus.Succeeded;
}

/// <summary>Aurora's OneWayJobUpdater.OneWayStatus.</summary>
internal enum OneWayStatus
{
    Idle,
    Working,
    Succeeded,
    Failed,
}

internal sealed record EvaluationResult(OneWayStatus Status, IReadOnlyList<SideEffect> SideEffects)
{
    /// <summary>Equal by value, side effects included, as Aurora's EvaluationResult.</summary>
    public bool Equals(EvaluationResult? other) =>
        other is not null && Status == other.Status && SideEffects.SequenceEqual(other.SideEffects);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Status);
        foreach (var effect in SideEffects) hash.Add(effect);
        return hash.ToHashCode();
    }

    /// <summary>Aurora's SideEffect.hasActions: waiting for a state change counts as an action.</summary>
    public bool HasActions => SideEffects.Any(s => s.Action != TaskAction.None);
}
