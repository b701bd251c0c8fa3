using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>One job instance's current task and how its earlier tasks ended. Idempotent under duplicates.</summary>
internal sealed class TaskTrack
{
    private const int MaxHistory = 40;
    private const int MaxEnded = 32;

    public string TaskId { get; private set; } = string.Empty;

    public DateTimeOffset FirstSeen { get; private set; }

    public List<TaskStatusUpdate> History { get; } = [];

    public List<(string TaskId, TaskState State, DateTimeOffset At)> Ended { get; } = [];

    public TaskStatusUpdate? Latest => History.Count == 0 ? null : History[^1];

    /// <returns>False for a duplicate or an irrelevant late event.</returns>
    public bool Apply(TaskStatusUpdate update)
    {
        var changed = false;
        if (update.State.IsTerminal() && !Ended.Exists(e => e.TaskId == update.TaskId && e.State == update.State))
        {
            if (Ended.Count == MaxEnded) Ended.RemoveAt(0);
            Ended.Add((update.TaskId, update.State, update.Timestamp));
            changed = true;
        }

        if (update.TaskId == TaskId)
        {
            if (History.Contains(update)) return changed;
            var at = History.FindLastIndex(h => h.Timestamp <= update.Timestamp) + 1;
            History.Insert(at, update);
            if (History.Count > MaxHistory) History.RemoveAt(1);
            return true;
        }

        if (TaskId.Length > 0 && update.Timestamp < FirstSeen) return changed; // a late event of an older task

        TaskId = update.TaskId;
        FirstSeen = update.Timestamp;
        History.Clear();
        History.Add(update);
        return true;
    }
}
