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

        return Step(() => _replay?.Holds(key) == true ? RefuseReplayed(command, key) : _updater.Control(command, key, user, message));
    }

    public PulseResult Pulse(UpdateKey key) => Step(() => _replay?.Holds(key) == true
        ? new PulseResult(PulseOutcome.InvalidRequest, $"update {key} is replayed from a recording: it takes no pulses")
        : _updater.Pulse(key));

    public IReadOnlyList<UpdateSummary> ListUpdates(JobKey? job = null, bool activeOnly = false) => Step(() =>
        (IReadOnlyList<UpdateSummary>)_updater.Updates.Select(u => u.Summary())
            .Concat((_replay?.Updates ?? []).Select(u => u.Summary()))
            .Where(u => (job is null || u.Key.Job == job) && (!activeOnly || u.Status.IsActive()))
            .ToList());

    public UpdateDetails? GetUpdateDetails(UpdateKey key) => Step(() =>
    {
        if (_replay?.Find(key) is { } replayed) return replayed.Details();
        var run = _updater.Find(key);
        if (run is null) return null;
        return new UpdateDetails(
            run.Summary(),
            run.Journal.OfType<UpdateStarted>().First(),
            run.Journal.OfType<UpdateStatusChanged>().ToList(),
            run.Journal.OfType<InstanceActionRecorded>().ToList());
    });

    public bool HasActiveUpdate(JobKey job) => Step(() =>
        _updater.HasActiveUpdate(job) || (_replay?.Updates.Any(u => u.Key.Job == job && u.Status.IsActive()) ?? false));

    /// <summary>The update's status, or null for an unknown update.</summary>
    public UpdateStatus? StatusOf(UpdateKey key) => Step(() => _replay?.Find(key)?.Status ?? _updater.Find(key)?.Status);
}
