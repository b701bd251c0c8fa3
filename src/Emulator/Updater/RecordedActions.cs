using Rollout.Domain.Model;

namespace Rollout.Emulator.Updater;

/// <summary>
/// The instance actions an update has recorded, each at most once: one bit per action per instance,
/// indexed by instance id (ids are dense from 0), so recording touches no hash set.
/// </summary>
internal sealed class RecordedActions
{
    private byte[] _flags = [];

    /// <summary>Records the action; false when the instance already has it.</summary>
    public bool Add(int instanceId, InstanceAction action)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instanceId);
        if (instanceId >= _flags.Length) Array.Resize(ref _flags, Math.Max(instanceId + 1, _flags.Length * 2));
        var bit = (byte)(1 << (int)action);
        if ((_flags[instanceId] & bit) != 0) return false;
        _flags[instanceId] |= bit;
        return true;
    }

    /// <summary>The instance has at least one recorded action.</summary>
    public bool Touched(int instanceId) => (uint)instanceId < (uint)_flags.Length && _flags[instanceId] != 0;
}
