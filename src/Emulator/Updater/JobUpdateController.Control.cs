using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Emulator.Updater;

/// <summary>Operator control (pause, resume, abort) and pulses, as Aurora's controller takes them.</summary>
internal sealed partial class JobUpdateController
{
    public ControlResult Control(ControlCommand command, UpdateKey key, string user, string? message)
    {
        var run = Find(key);
        if (run is null) return ControlResult.Invalid($"no update {key}");
        if (run.Status.IsTerminal())
        {
            return ControlResult.Invalid($"update {key} is {run.Status.WireName()}; it can no longer be steered", run.Status);
        }

        var target = command switch
        {
            ControlCommand.Pause => UpdateStateMachine.PauseTarget(run.Status),
            ControlCommand.Resume => UpdateStateMachine.ResumeTarget(run.Status, run.PulseExpired(agenda.Now)),
            _ => UpdateStateMachine.CanAbort(run.Status) ? UpdateStatus.Aborted : null,
        };
        if (target is null || (target != run.Status && !UpdateStateMachine.IsAllowed(run.Status, target.Value)))
        {
            return ControlResult.Invalid($"cannot {command.ToString().ToLowerInvariant()} an update that is {run.Status.WireName()}", run.Status);
        }

        // Asking for the state the update is already in is a silent success.
        ChangeStatus(run, target.Value, user, message ?? string.Empty);
        return ControlResult.Ok(run.Status);
    }

    /// <summary>
    /// Aurora's pulse: only an active coordinated update has a pulse state; any other update, known or
    /// not, answers FINISHED. A pulse unblocks an update awaiting one, with no user or message; an
    /// expired pulse is noticed at the update's next evaluation, not by a timer.
    /// </summary>
    public PulseResult Pulse(UpdateKey key)
    {
        var run = Find(key);
        if (run is null || run.Status.IsTerminal() || !run.Settings.IsCoordinated)
        {
            return new PulseResult(PulseOutcome.Finished, run is null ? $"no update {key}" : $"update {key} takes no pulses");
        }

        run.LastPulse = agenda.Now;
        run.Journal.RemoveAll(e => e is PulseReceived); // only the latest pulse matters for state
        Publish(run, new PulseReceived(run.Key, agenda.Now, agenda.Now.AddSeconds(run.Settings.PulseIntervalSecs)));
        ChangeStatus(run, UpdateStateMachine.UnblockTarget(run.Status), string.Empty, string.Empty);
        return new PulseResult(PulseOutcome.Ok, string.Empty);
    }
}
