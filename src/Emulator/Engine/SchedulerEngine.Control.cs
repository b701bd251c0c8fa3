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

        return Step(() => _updater.Control(command, key, user, message));
    }

    public PulseResult Pulse(UpdateKey key) => Step(() => _updater.Pulse(key));

    public IReadOnlyList<UpdateSummary> ListUpdates(JobKey? job = null, bool activeOnly = false) => Step(() =>
        (IReadOnlyList<UpdateSummary>)_updater.Updates
            .Where(u => (job is null || u.Key.Job == job) && (!activeOnly || u.Status.IsActive()))
            .Select(u => u.Summary())
            .ToList());

    public UpdateDetails? GetUpdateDetails(UpdateKey key) => Step(() =>
    {
        var run = _updater.Find(key);
        if (run is null) return null;
        return new UpdateDetails(
            run.Summary(),
            run.Journal.OfType<UpdateStarted>().First(),
            run.Journal.OfType<UpdateStatusChanged>().ToList(),
            run.Journal.OfType<InstanceActionRecorded>().ToList());
    });

    public bool HasActiveUpdate(JobKey job) => Step(() => _updater.HasActiveUpdate(job));

    /// <summary>The update's status, or null for an unknown update.</summary>
    public UpdateStatus? StatusOf(UpdateKey key) => Step(() => _updater.Find(key)?.Status);
}
