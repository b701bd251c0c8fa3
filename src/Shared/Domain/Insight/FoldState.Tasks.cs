using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>The task side of the fold: status updates move each instance's task and its bar.</summary>
internal sealed partial class FoldState
{
    private void ApplyStatus(TaskStatusUpdate status)
    {
        if (Started is null)
        {
            _beforeStart.Add(status);
            return;
        }

        // A state this build does not know says nothing about where the task is.
        if (!status.HasKnownState() || Find(status.InstanceId) is not { } track) return;
        if (track.TaskId != status.TaskId)
        {
            var fresh = status.State is TaskState.Pending or TaskState.Assigned or TaskState.Starting or TaskState.Running;
            if (track.TaskId is not null && !fresh && track.TaskState?.IsTerminal() != true) return; // a task the instance moved on from
            SwitchTask(track, status);
        }

        var at = status.Timestamp;
        track.History.Add(status);
        track.LastAt = at;
        switch (status.State)
        {
            case TaskState.Starting:
                track.StartingAt ??= at;
                if (status.HealthCheck is { } progress)
                {
                    track.Progress = progress;
                    track.LastCheckAt = at;
                }

                break;
            case TaskState.Running:
                track.RunningAt ??= at;
                break;
            case TaskState.Killing or TaskState.Killed:
                track.EndedAt ??= at;
                break;
            case TaskState.Failed or TaskState.Lost or TaskState.Finished:
                track.EndedAt ??= at;
                if (track.TaskState?.IsTerminal() != true && track.TaskIsNew)
                {
                    if (track.FailureRun != Run)
                    {
                        track.FailureRun = Run;
                        track.RunFailures = 0;
                    }

                    track.RunFailures++;
                    track.TaskFailures++;
                }

                break;
        }

        track.TaskState = status.State;
        Touch(track, at);
    }

    private void SwitchTask(InstanceTrack track, TaskStatusUpdate status)
    {
        if (track.TaskId is not null) Finalized.Add(track, Settings.WatchSecs, track.LastAt);
        track.TaskId = status.TaskId;
        track.TaskState = null;
        track.FirstState = status.State;
        track.FirstAt = status.Timestamp;
        track.StartingAt = null;
        track.RunningAt = null;
        track.EndedAt = null;
        track.CountedAt = null;
        track.Progress = null;
        track.LastCheckAt = null;
        track.History.Clear();
    }

    /// <summary>Recomputes the instance's phase and extends its bar; changes at one instant collapse into the last.</summary>
    private void Touch(InstanceTrack track, DateTimeOffset at)
    {
        var taskPhase = TaskPhaseOf(track);
        track.TaskPhase = taskPhase.Phase;
        var (phase, detail) = track switch
        {
            { BackOutcome: InstanceAction.InstanceRolledBack } => (InstancePhase.RolledBack, (byte)0),
            { BackOutcome: InstanceAction.InstanceRollbackFailed } => (InstancePhase.Failed, (byte)0),
            { BackStart: not null } => (InstancePhase.RollingBack, (byte)taskPhase.Phase),
            { ForwardOutcome: InstanceAction.InstanceUpdated } => (InstancePhase.Updated, (byte)0),
            { ForwardOutcome: InstanceAction.InstanceUpdateFailed } => (InstancePhase.Failed, (byte)0),
            { ForwardStart: not null } => taskPhase,
            _ => (InstancePhase.Waiting, (byte)0),
        };
        if (phase == track.Phase && detail == track.Detail) return;
        track.Phase = phase;
        track.Detail = detail;

        var ms = Ms(at);
        var segments = track.Segments;
        if (segments[^1].StartMs >= ms && segments.Count > 1)
        {
            segments.RemoveAt(segments.Count - 1);
            if (segments[^1].Phase == phase && segments[^1].Detail == detail) return;
        }

        if (segments[^1].StartMs >= ms)
        {
            segments[^1] = new PhaseSegment(segments[^1].StartMs, phase, detail);
            return;
        }

        segments.Add(new PhaseSegment(ms, phase, detail));
    }

    /// <summary>What the instance's task is doing for its latest action (nothing since the action: about to be replaced).</summary>
    private static (InstancePhase Phase, byte Detail) TaskPhaseOf(InstanceTrack track)
    {
        if (track.ActionStart is not { } since || track.TaskState is not { } state || track.LastAt < since)
        {
            return track.TaskState is { } old && old.IsActive() ? (InstancePhase.Killing, (byte)0) : (InstancePhase.Pending, (byte)0);
        }

        return state switch
        {
            TaskState.Pending or TaskState.Assigned or TaskState.Killed => (InstancePhase.Pending, 0),
            TaskState.Starting when track.Progress is { } p => (InstancePhase.HealthChecking, (byte)Math.Clamp(p.AttemptsUsed, 0, 255)),
            TaskState.Starting => (InstancePhase.Starting, 0),
            TaskState.Running => (InstancePhase.Watching, 0),
            TaskState.Killing => (InstancePhase.Killing, 0),
            _ => (InstancePhase.Restarting, (byte)Math.Clamp(track.TaskFailures, 0, 255)),
        };
    }
}
