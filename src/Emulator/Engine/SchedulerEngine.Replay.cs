using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Domain.Updates;
using Rollout.Emulator.Replay;

namespace Rollout.Emulator.Engine;

/// <summary>Serving a recording instead of (or beside) simulated jobs.</summary>
public sealed partial class SchedulerEngine
{
    private RecordingReplay? _replay;

    /// <summary>
    /// Replays <paramref name="recording"/> through this engine's event logs, paced by the events'
    /// own timestamps on this engine's clock (so by its speed), from its first event, which is emitted
    /// at once. Its update is shown as the scheduler's own but cannot be steered. One per engine.
    /// </summary>
    public void Replay(UpdateRecording recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        Step(() =>
        {
            if (_replay is not null) throw new InvalidOperationException($"this engine already replays {_replay.Recording.Update}");
            _replay = new RecordingReplay(recording, _agenda, StatusLog, UpdaterLog);
            _replay.Start();
        });
    }

    /// <summary>How far the replay has got: events emitted of all, or null without one.</summary>
    public (int Emitted, int Total)? ReplayProgress => Step(() => _replay is null ? ((int, int)?)null : (_replay.Emitted, _replay.Recording.Events.Count));

    /// <summary>A recording plays as it was recorded: steering it is an invalid request that says so.</summary>
    private ControlResult RefuseReplayed(ControlCommand command, UpdateKey key)
    {
        var verb = command switch
        {
            ControlCommand.Pause => "paused",
            ControlCommand.Resume => "resumed",
            _ => "aborted",
        };
        return ControlResult.Invalid(
            $"update {key} is replayed from a recording and cannot be {verb}: a recording plays as it was recorded", _replay!.Find(key)!.Status);
    }
}
