using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Events;

namespace Rollout.Emulator.Replay;

/// <summary>
/// Serves a recording as the scheduler's own events: each is appended, as recorded and in the
/// recorded order, to the event log of the stream it arrived on, at its instant on the engine's agenda
/// (<see cref="RecordingPacing"/>: from the replay's start, the first event at once). The logs do the
/// rest as for any event: resuming subscribers, snapshots (from what this replay has emitted so far)
/// and batching. One agenda action is pending at a time; it emits every event due at its instant.
/// Not thread-safe: the engine's lock guards it.
/// </summary>
internal sealed class RecordingReplay
{
    private readonly Agenda _agenda;
    private readonly EventLog<TaskStatusUpdate> _statusLog;
    private readonly EventLog<UpdaterEvent> _updaterLog;
    private readonly IReadOnlyList<RecordedEvent> _events;
    private readonly TimeSpan[] _offsets;
    private readonly ReplayedTasks _tasks = new();
    private readonly Dictionary<UpdateKey, ReplayedUpdate> _updates = [];
    private DateTimeOffset _start;
    private int _next;

    public RecordingReplay(UpdateRecording recording, Agenda agenda, EventLog<TaskStatusUpdate> statusLog, EventLog<UpdaterEvent> updaterLog)
    {
        Recording = recording;
        _agenda = agenda;
        _statusLog = statusLog;
        _updaterLog = updaterLog;
        _events = recording.Events;
        _offsets = RecordingPacing.Offsets(_events);

        // Known from the start, so control calls are refused as a recording's even before its first event.
        _updates[recording.Update] = new ReplayedUpdate(recording.Update);
    }

    public UpdateRecording Recording { get; }

    /// <summary>Events emitted so far.</summary>
    public int Emitted => _next;

    public bool Finished => _next == _events.Count;

    /// <summary>The updates whose events have begun to play: queries list only these.</summary>
    public IEnumerable<ReplayedUpdate> Updates => _updates.Values.Where(u => u.Journal.Count > 0);

    public void Start()
    {
        _start = _agenda.Now;
        Schedule();
    }

    public bool Holds(UpdateKey key) => _updates.ContainsKey(key);

    public ReplayedUpdate? Find(UpdateKey key) => _updates.GetValueOrDefault(key);

    public List<TaskStatusUpdate> StatusSnapshot() => _tasks.Snapshot();

    public IEnumerable<UpdaterEvent> UpdaterSnapshot() => _updates.Values.SelectMany(u => u.Journal);

    private void Schedule()
    {
        if (_next < _events.Count) _agenda.After(_start + _offsets[_next] - _agenda.Now, EmitDue);
    }

    private void EmitDue()
    {
        var elapsed = _agenda.Now - _start;
        while (_next < _events.Count && _offsets[_next] <= elapsed) Emit(_events[_next++]);
        Schedule();
    }

    private void Emit(RecordedEvent e)
    {
        switch (e)
        {
            case RecordedStatus status:
                _tasks.Add(status.Update);
                _statusLog.Append(status.Update);
                break;
            case RecordedUpdater updater:
                var key = updater.Event.Update;
                if (!_updates.TryGetValue(key, out var update)) _updates[key] = update = new ReplayedUpdate(key);
                update.Add(updater.Event);
                _updaterLog.Append(updater.Event);
                break;
        }
    }
}
