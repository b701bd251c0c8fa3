namespace Rollout.Domain.Dashboard;

public enum DeltaOutcome
{
    Applied,

    /// <summary>Already covered by the snapshot: ignored.</summary>
    Stale,

    /// <summary>A version is missing or the epoch changed: ask for a snapshot.</summary>
    NeedsSnapshot,
}

/// <summary>
/// The browser's copy of the model: a snapshot, then deltas in version order. A gap or a new epoch
/// is reported, never papered over.
/// </summary>
public sealed class DashboardStore
{
    private readonly Dictionary<string, UpdateView> _updates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedDictionary<int, InstanceView>> _instances = new(StringComparer.Ordinal);

    public string? Epoch { get; private set; }

    public long Version { get; private set; }

    public bool Loaded => Epoch is not null;

    public ConnectionView Connection { get; private set; } = ConnectionView.Initial;

    public IReadOnlyCollection<UpdateView> Updates => _updates.Values;

    /// <summary>Raised after every snapshot or applied delta.</summary>
    public event Action? Changed;

    public UpdateView? Update(string key) => _updates.GetValueOrDefault(key);

    public IReadOnlyCollection<InstanceView> Instances(string updateKey) =>
        _instances.TryGetValue(updateKey, out var instances) ? instances.Values : [];

    public void Load(DashboardSnapshot snapshot)
    {
        _updates.Clear();
        _instances.Clear();
        foreach (var update in snapshot.Updates) _updates[update.Key] = update;
        foreach (var group in snapshot.Instances)
        {
            var instances = InstancesOf(group.UpdateKey);
            foreach (var instance in group.Instances) instances[instance.InstanceId] = instance;
        }

        Epoch = snapshot.Epoch;
        Version = snapshot.Version;
        Connection = snapshot.Connection;
        Changed?.Invoke();
    }

    public DeltaOutcome Apply(DeltaBatch batch)
    {
        if (!Loaded || batch.Epoch != Epoch) return DeltaOutcome.NeedsSnapshot;
        if (batch.Version <= Version) return DeltaOutcome.Stale;
        if (batch.Version != Version + 1) return DeltaOutcome.NeedsSnapshot;

        foreach (var key in batch.RemovedUpdates)
        {
            _updates.Remove(key);
            _instances.Remove(key);
        }

        foreach (var update in batch.Updates) _updates[update.Key] = update;
        foreach (var delta in batch.Instances) InstancesOf(delta.UpdateKey)[delta.Instance.InstanceId] = delta.Instance;
        if (batch.Connection is not null) Connection = batch.Connection;
        Version = batch.Version;
        Changed?.Invoke();
        return DeltaOutcome.Applied;
    }

    private SortedDictionary<int, InstanceView> InstancesOf(string key)
    {
        if (!_instances.TryGetValue(key, out var instances))
        {
            instances = [];
            _instances[key] = instances;
        }

        return instances;
    }
}
