using Rollout.Domain.Model;

namespace Rollout.Emulator.Replay;

/// <summary>
/// The status events a replay has emitted, kept as the task layer keeps its own: per instance, every
/// event of its current and previous task. A snapshot lists them in the order they were emitted.
/// </summary>
internal sealed class ReplayedTasks
{
    private readonly Dictionary<(JobKey Job, int Instance), Slot> _slots = [];
    private long _emitted;

    public void Add(TaskStatusUpdate update)
    {
        if (!_slots.TryGetValue((update.Job, update.InstanceId), out var slot)) _slots[(update.Job, update.InstanceId)] = slot = new Slot();
        slot.Add(update, _emitted++);
    }

    public List<TaskStatusUpdate> Snapshot() =>
        _slots.Values.SelectMany(s => s.Events).OrderBy(e => e.Index).Select(e => e.Update).ToList();

    private sealed class Slot
    {
        private string? _currentTask;
        private string? _previousTask;
        private List<(long Index, TaskStatusUpdate Update)> _current = [];
        private List<(long Index, TaskStatusUpdate Update)> _previous = [];

        public IEnumerable<(long Index, TaskStatusUpdate Update)> Events => _previous.Concat(_current);

        public void Add(TaskStatusUpdate update, long index)
        {
            if (update.TaskId == _currentTask)
            {
                _current.Add((index, update));
            }
            else if (update.TaskId == _previousTask)
            {
                _previous.Add((index, update)); // a late event of the task before
            }
            else
            {
                (_previous, _previousTask) = (_current, _currentTask);
                (_current, _currentTask) = ([(index, update)], update.TaskId);
            }
        }
    }
}
