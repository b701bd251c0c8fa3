using Rollout.Emulator.Updater.Strategies;

namespace Rollout.Emulator.Updater;

/// <summary>
/// Aurora's OneWayJobUpdater: updates every instance of a job in one direction (no rollback), in the
/// strategy's groups, and rolls the instances' results up into the update's. Idle instances only ever
/// leave from the front of the strategy's ordering, so they are an ordered array and a cursor, and the
/// strategy is asked only how many to start: a 10,000-instance update never re-sorts.
/// </summary>
internal sealed class OneWayJobUpdater
{
    private readonly UpdateStrategy _strategy;
    private readonly int _maxFailedInstances;
    // Indexed by instance id (dense from 0); a null updater marks an id outside this update.
    private readonly InstanceUpdater?[] _updaters;
    private readonly InstanceUpdateStatus[] _status;
    private readonly int[] _idleOrder;
    private int _cursor;
    private int _working;
    private int _failed;
    private OneWayStatus _jobStatus = OneWayStatus.Idle;

    public OneWayJobUpdater(UpdateStrategy strategy, int maxFailedInstances, IReadOnlyCollection<InstanceUpdater> instances)
    {
        _strategy = strategy;
        _maxFailedInstances = maxFailedInstances;
        var size = instances.Count == 0 ? 0 : instances.Max(i => i.InstanceId) + 1;
        _updaters = new InstanceUpdater?[size];
        _status = new InstanceUpdateStatus[size];
        foreach (var instance in instances)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(instance.InstanceId);
            if (_updaters[instance.InstanceId] is not null) throw new ArgumentException($"instance {instance.InstanceId} appears twice", nameof(instances));
            _updaters[instance.InstanceId] = instance;
        }

        _idleOrder = strategy.Sort(instances.Select(i => i.InstanceId));
    }

    public OneWayStatus Status => _jobStatus;

    public bool Contains(int instanceId) => (uint)instanceId < (uint)_updaters.Length && _updaters[instanceId] is not null;

    public InstanceUpdateStatus StatusOf(int instanceId) =>
        Contains(instanceId) ? _status[instanceId] : throw new KeyNotFoundException($"instance {instanceId} is not part of this update");

    public InstanceUpdater UpdaterOf(int instanceId) =>
        Contains(instanceId) ? _updaters[instanceId]! : throw new KeyNotFoundException($"instance {instanceId} is not part of this update");

    /// <summary>
    /// One evaluation: re-evaluates the working instances among <paramref name="changed"/>, then, while
    /// the update is still working, starts the strategy's next group (and keeps going while a group
    /// asks for nothing, so instances already in place converge at once).
    /// </summary>
    public EvaluationResult Evaluate(IReadOnlyList<(int Id, IObservedTask? Task)> changed, Func<int, IObservedTask?> stateOf, DateTimeOffset now)
    {
        if (_jobStatus == OneWayStatus.Idle) _jobStatus = OneWayStatus.Working;
        if (_jobStatus != OneWayStatus.Working) throw new InvalidOperationException("Attempted to evaluate an inactive job updater.");

        var effects = new List<SideEffect>();
        foreach (var (id, task) in changed)
        {
            // State changes of instances outside the working set are ignored.
            if (Contains(id) && _status[id] == InstanceUpdateStatus.Working) effects.Add(EvaluateInstance(id, task, now));
        }

        if (ComputeStatus() == OneWayStatus.Working) StartNextGroups(stateOf, now, effects);
        return new EvaluationResult(ComputeStatus(), effects);
    }

    private void StartNextGroups(Func<int, IObservedTask?> stateOf, DateTimeOffset now, List<SideEffect> effects)
    {
        while (_cursor < _idleOrder.Length)
        {
            var idle = _idleOrder.Length - _cursor;
            var hadWorking = _working > 0;
            var take = Math.Min(idle, _strategy.GroupSize(idle, _working));
            var first = effects.Count;
            for (var i = 0; i < take; i++)
            {
                var id = _idleOrder[_cursor++];
                effects.Add(EvaluateInstance(id, stateOf(id), now));
            }

            // With nothing in flight and nothing asked of any instance, nothing will trigger another
            // evaluation: look for more work now, or converge.
            var asked = false;
            for (var i = first; i < effects.Count && !asked; i++) asked = effects[i].Action != TaskAction.None;
            if (hadWorking || asked || take == 0) return;
        }
    }

    private SideEffect EvaluateInstance(int id, IObservedTask? task, DateTimeOffset now)
    {
        var becameWorking = false;
        if (_status[id] == InstanceUpdateStatus.Idle)
        {
            _status[id] = InstanceUpdateStatus.Working;
            _working++;
            becameWorking = true;
        }

        var result = _updaters[id]!.Evaluate(task, now);
        InstanceUpdateStatus? reached = result switch
        {
            InstanceResult.Succeeded => InstanceUpdateStatus.Succeeded,
            InstanceResult.FailedTerminated => InstanceUpdateStatus.Failed,
            _ => null,
        };
        if (reached is { } terminal)
        {
            _status[id] = terminal;
            _working--;
            if (terminal == InstanceUpdateStatus.Failed) _failed++;
        }

        return new SideEffect(id, result.Action(), becameWorking, reached);
    }

    private OneWayStatus ComputeStatus()
    {
        if (_jobStatus != OneWayStatus.Working) return _jobStatus;
        if (_failed > _maxFailedInstances) _jobStatus = OneWayStatus.Failed;
        else if (_working == 0 && _cursor == _idleOrder.Length) _jobStatus = OneWayStatus.Succeeded;
        return _jobStatus;
    }
}
