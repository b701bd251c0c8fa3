using System.Collections.Immutable;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

internal sealed record EndedTask(string TaskId, TaskState State, DateTimeOffset At);

/// <summary>
/// One job instance's current task and how its earlier tasks ended. Immutable: a change makes a new
/// track, so published state can hold tracks while the fold goes on. Idempotent under duplicates.
/// </summary>
internal sealed record TaskTrack(string TaskId, DateTimeOffset FirstSeen, ImmutableArray<TaskStatusUpdate> History, ImmutableArray<EndedTask> Ended)
{
    private const int MaxHistory = 40;
    private const int MaxEnded = 32;

    public static TaskTrack Empty { get; } = new(string.Empty, default, [], []);

    public TaskStatusUpdate? Latest => History.IsEmpty ? null : History[^1];

    /// <returns>The changed track, or null for a duplicate or an irrelevant late event.</returns>
    public TaskTrack? Apply(TaskStatusUpdate update)
    {
        var ended = Ended;
        if (update.State.IsTerminal() && !Ended.Any(e => e.TaskId == update.TaskId && e.State == update.State))
        {
            if (ended.Length == MaxEnded) ended = ended.RemoveAt(0);
            ended = ended.Add(new EndedTask(update.TaskId, update.State, update.Timestamp));
        }

        var endedChanged = ended != Ended;
        if (update.TaskId == TaskId)
        {
            if (History.Contains(update)) return endedChanged ? this with { Ended = ended } : null;
            var at = History.Length;
            while (at > 0 && History[at - 1].Timestamp > update.Timestamp) at--;
            var shared = ReferenceEquals(update.TaskId, TaskId) ? update : update with { TaskId = TaskId }; // share the id string
            var history = History.Insert(at, shared);
            if (history.Length > MaxHistory) history = history.RemoveAt(1);
            return this with { History = history, Ended = ended };
        }

        // A late event of an older task.
        if (TaskId.Length > 0 && update.Timestamp < FirstSeen) return endedChanged ? this with { Ended = ended } : null;
        return new TaskTrack(update.TaskId, update.Timestamp, [update], ended);
    }
}
