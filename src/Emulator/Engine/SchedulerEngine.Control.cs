using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Emulator.Engine;

/// <summary>Operator control (pause, resume, abort, pulse) and queries.</summary>
public sealed partial class SchedulerEngine
{
    public ControlResult Control(ControlCommand command, UpdateKey key, string? user, string? message)
    {
        if (string.IsNullOrWhiteSpace(user)) return ControlResult.AuthFailed("a user is required");
        if (Options.AllowedOperators.Count > 0 && !Options.AllowedOperators.Contains(user, StringComparer.Ordinal))
        {
            return ControlResult.AuthFailed($"user '{user}' may not steer updates");
        }

        lock (_gate)
        {
            CatchUp();
            var run = _updates.FirstOrDefault(u => u.Key == key);
            if (run is null) return ControlResult.Invalid($"no update {key}");
            if (run.Status.IsTerminal())
            {
                return ControlResult.Invalid($"update {key} is {run.Status.WireName()}; it can no longer be steered", run.Status);
            }

            var target = command switch
            {
                ControlCommand.Pause => UpdateStateMachine.PauseTarget(run.Status),
                ControlCommand.Resume => UpdateStateMachine.ResumeTarget(run.Status, run.PulseExpired(_now)),
                _ => UpdateStateMachine.CanAbort(run.Status) ? UpdateStatus.Aborted : null,
            };
            if (target is null)
            {
                return ControlResult.Invalid($"cannot {command.ToString().ToLowerInvariant()} an update that is {run.Status.WireName()}", run.Status);
            }

            // Asking for the state the update is already in is a silent success.
            if (target != run.Status)
            {
                ChangeStatus(run, target.Value, user, message ?? string.Empty);
                if (target == UpdateStatus.Aborted) Abandon(run);
                Advance(run);
            }

            Rearm();
            return ControlResult.Ok(run.Status);
        }
    }

    public PulseResult Pulse(UpdateKey key)
    {
        lock (_gate)
        {
            CatchUp();
            var run = _updates.FirstOrDefault(u => u.Key == key);
            if (run is null) return new PulseResult(PulseOutcome.InvalidRequest, $"no update {key}");
            if (run.Status.IsTerminal()) return new PulseResult(PulseOutcome.Finished, $"update is {run.Status.WireName()}");
            if (!run.Settings.IsCoordinated) return new PulseResult(PulseOutcome.InvalidRequest, $"update {key} is not coordinated");

            run.LastPulse = _now;
            run.Journal.RemoveAll(e => e is PulseReceived); // only the latest pulse matters for state
            PublishUpdaterEvent(run, new PulseReceived(run.Key, _now, _now.AddSeconds(run.Settings.PulseIntervalSecs)));
            var unblocked = UpdateStateMachine.UnblockTarget(run.Status);
            if (unblocked != run.Status)
            {
                ChangeStatus(run, unblocked, SchedulerUser, "Pulse received.");
                Advance(run);
            }

            var pulse = _now;
            Schedule(TimeSpan.FromSeconds(run.Settings.PulseIntervalSecs), () => BlockIfNoPulse(run, pulse));
            Rearm();
            return new PulseResult(PulseOutcome.Ok, string.Empty);
        }
    }

    /// <summary>An aborted update does nothing more: no replacement it asked for is launched.</summary>
    private static void Abandon(UpdateRun run)
    {
        if (run.Job.ActiveUpdate == run) run.Job.ActiveUpdate = null;
        foreach (var id in run.Instances.Keys)
        {
            if (run.Job.Slots.TryGetValue(id, out var slot)) slot.LaunchAfterKill = null;
        }
    }

    private void BlockIfNoPulse(UpdateRun run, DateTimeOffset pulse)
    {
        if (run.LastPulse != pulse) return; // a later pulse extended the deadline
        if (UpdateStateMachine.BlockTarget(run.Status) is { } blocked)
        {
            ChangeStatus(run, blocked, SchedulerUser, $"No pulse received within {run.Settings.PulseIntervalSecs} s.");
        }
    }

    public IReadOnlyList<UpdateSummary> ListUpdates(JobKey? job = null, bool activeOnly = false)
    {
        lock (_gate)
        {
            CatchUp();
            return _updates
                .Where(u => (job is null || u.Key.Job == job) && (!activeOnly || u.Status.IsActive()))
                .Select(u => u.Summary())
                .ToList();
        }
    }

    public UpdateDetails? GetUpdateDetails(UpdateKey key)
    {
        lock (_gate)
        {
            CatchUp();
            var run = _updates.FirstOrDefault(u => u.Key == key);
            if (run is null) return null;
            return new UpdateDetails(
                run.Summary(),
                run.Journal.OfType<UpdateStarted>().First(),
                run.Journal.OfType<UpdateStatusChanged>().ToList(),
                run.Journal.OfType<InstanceActionRecorded>().ToList());
        }
    }

    public bool HasActiveUpdate(JobKey job)
    {
        lock (_gate)
        {
            CatchUp();
            return _jobs.TryGetValue(job, out var state) && state.ActiveUpdate is not null;
        }
    }

    /// <summary>The update's status, or null for an unknown update.</summary>
    public UpdateStatus? StatusOf(UpdateKey key)
    {
        lock (_gate)
        {
            CatchUp();
            return _updates.FirstOrDefault(u => u.Key == key)?.Status;
        }
    }
}
