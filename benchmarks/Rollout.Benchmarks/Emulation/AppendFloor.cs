using System.Diagnostics;
using Rollout.Domain.Model;
using Rollout.Emulator.Events;

namespace Rollout.Benchmarks.Emulation;

/// <summary>
/// What any emulator pays per status event, whatever its engine: building the record and appending
/// it to the status log subscribers read. The fields come from a real rollout's events, so no string
/// is built here; the replay is the floor the engine's throughput is compared with.
/// </summary>
internal static class AppendFloor
{
    /// <summary>Wall time to construct and append every event, in order, to a fresh log of <paramref name="capacity"/>.</summary>
    public static TimeSpan Replay(IReadOnlyList<TaskStatusUpdate> events, int capacity)
    {
        var log = new EventLog<TaskStatusUpdate>("floor", capacity);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            log.Append(new TaskStatusUpdate(e.TaskId, e.Job, e.InstanceId, e.State, e.Message, e.Timestamp, e.Source, e.Host, e.HealthCheck));
        }

        clock.Stop();
        if (log.Head != events.Count) throw new InvalidOperationException($"the floor appended {log.Head} of {events.Count} events");
        return clock.Elapsed;
    }
}
