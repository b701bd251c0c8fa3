using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>Says, in plain words, what an update is waiting on at one instant.</summary>
internal static class BlockingExplainer
{
    private const int HeadlineReasons = 3;

    public static BlockedExplanation Explain(FoldState state, DateTimeOffset asOf)
    {
        if (state.Started is null || state.Status is not { } status)
        {
            var why = state.Started is null ? "no UpdateStarted event in the log yet" : "the update has not reported a status yet";
            return Explanation(null, [new BlockingReason(BlockingKind.NotStarted, why, "not started", [], 0, null)]);
        }

        var last = state.Statuses[^1];
        if (status.IsTerminal())
        {
            var text = $"finished: {status.WireName()} at {DurationText.Clock(last.At)}";
            if (last.Message.Length > 0) text += $" ({last.Message})";
            return Explanation(status, [new BlockingReason(BlockingKind.Finished, text, status.WireName(), [], 0, null)]);
        }

        var cap = state.Options.MaxListedInstances;
        var backward = status.IsBackward();
        var reasons = new List<BlockingReason>();
        if (status.IsPaused()) reasons.Add(Paused(last));
        if (status.IsAwaitingPulse()) reasons.Add(AwaitingPulse(state, last));

        var inFlight = state.Instances.Where(t => t.InFlight(backward)).ToList();
        var healthCheck = backward ? state.Started.InitialConfig?.HealthCheck : state.Started.DesiredConfig?.HealthCheck;
        AddIfAny(reasons, HealthChecks(state, inFlight, healthCheck, asOf, cap));
        AddIfAny(reasons, Starting(inFlight, healthCheck, cap));
        var (watching, awaiting) = Running(state, inFlight, status, asOf, cap);
        AddIfAny(reasons, watching);
        AddIfAny(reasons, awaiting);
        AddIfAny(reasons, Simple(inFlight, InstancePhase.Pending, BlockingKind.TasksPending, cap, "new task(s) pending placement", "pending"));
        AddIfAny(reasons, Simple(inFlight, InstancePhase.Killing, BlockingKind.TasksKilling, cap, "old task(s) being killed", "killing"));
        AddIfAny(reasons, Simple(inFlight, InstancePhase.Restarting, BlockingKind.TasksRestarting, cap,
            "new task(s) died and are being rescheduled", "restarting"));
        AddIfAny(reasons, Retries(state, inFlight, cap));
        AddIfAny(reasons, FailureBudget(state, status, backward, cap));
        if (status.IsRolling() && state.Settings.IsCoordinated) reasons.Add(PulseDue(state, asOf));

        if (status.IsRolling() && inFlight.Count == 0)
        {
            var total = backward ? state.ForwardStarted : state.Instances.Length;
            var started = backward ? state.BackStarted : state.ForwardStarted;
            var text = started < total ? "nothing blocks: starting the next batch" : "nothing blocks: every instance is done, the update is finishing";
            reasons.Add(new BlockingReason(BlockingKind.NothingBlocks, text, started < total ? "starting next batch" : "finishing", [], 0, null));
        }

        return Explanation(status, reasons);
    }

    private static BlockedExplanation Explanation(UpdateStatus? status, List<BlockingReason> reasons)
    {
        var headline = string.Join(" · ", reasons.Take(HeadlineReasons).Select(r => r.Brief));
        if (reasons.Count > HeadlineReasons) headline += $" · +{reasons.Count - HeadlineReasons} more";
        return new BlockedExplanation(status, reasons, headline);
    }

    private static void AddIfAny(List<BlockingReason> reasons, BlockingReason? reason)
    {
        if (reason is not null) reasons.Add(reason);
    }

    private static BlockingReason Paused(StatusMark last)
    {
        if (last.IsAutoPause)
        {
            return new BlockingReason(BlockingKind.AutoPaused,
                $"auto-paused after a batch at {DurationText.Clock(last.At)} (autoPauseAfterBatch): it waits for a resume to start the next batch",
                "auto-paused after a batch", [], 0, null);
        }

        var who = last.User.Length > 0 ? last.User : "the scheduler";
        var why = last.Message.Length > 0 ? $": “{last.Message}”" : " (no message)";
        return new BlockingReason(BlockingKind.Paused, $"paused by {who} at {DurationText.Clock(last.At)}{why}", $"paused by {who}", [], 0, null);
    }

    private static BlockingReason AwaitingPulse(FoldState state, StatusMark last)
    {
        var interval = state.Settings.PulseIntervalSecs;
        var text = state.LastPulse is { } pulse
            ? $"awaiting a pulse from the coordinator: the last one, at {DurationText.Clock(pulse.Timestamp)}, expired at {DurationText.Clock(pulse.Deadline)} (pulse interval {interval} s)"
            : $"awaiting a pulse from the coordinator: none received yet (pulse interval {interval} s)";
        if (last.Message.Length > 0) text += $"; {last.Message}";
        return new BlockingReason(BlockingKind.AwaitingPulse, text, "awaiting a pulse", [], 0, state.LastPulse?.Deadline);
    }

    private static BlockingReason? HealthChecks(FoldState state, List<InstanceTrack> inFlight, HealthCheckConfig? config, DateTimeOffset asOf, int cap)
    {
        var checking = new List<(InstanceTrack Track, int Left, int Allowed, DateTimeOffset? OutBy)>();
        var lastChance = 0;
        foreach (var track in inFlight)
        {
            if (track.TaskPhase != InstancePhase.HealthChecking) continue;
            var progress = track.Progress!;
            // Aurora's budget: max_attempts_to_running + 1 checks; the executor reports it, the config implies it.
            var allowed = progress.AttemptsAllowed > 0 ? progress.AttemptsAllowed : config?.AttemptsAllowed ?? 0;
            var left = Math.Max(0, allowed - progress.AttemptsUsed);
            // After the last attempt, the next tick fails the task: checks run out (left + 1) intervals after the latest.
            DateTimeOffset? outBy = config is not null && track.LastCheckAt is { } at
                ? at.SaturatingAdd(TimeSpan.FromSeconds((double)(left + 1) * config.IntervalSecs))
                : null;
            checking.Add((track, left, allowed, outBy));
            // Past the forgiven attempts, one failure more than max_consecutive_failures fails the task.
            if (config is not null && progress.AttemptsUsed + 1 > progress.GraceAttempts && progress.ConsecutiveFailures >= config.MaxConsecutiveFailures) lastChance++;
        }

        if (checking.Count == 0) return null;
        checking.Sort((a, b) => Nullable.Compare(a.OutBy, b.OutBy) is var c and not 0 ? c : a.Left.CompareTo(b.Left));
        var first = checking[0];
        var deadline = checking.Where(c => c.OutBy is not null).Select(c => c.OutBy).FirstOrDefault();
        var p = first.Track.Progress!;
        var fewest = checking.MinBy(c => c.Left);
        string text;
        if (checking.Count == 1)
        {
            text = $"instance {first.Track.Id} in health checks: {p.ConsecutiveSuccesses}/{p.RequiredSuccesses} passes, {first.Left} of {first.Allowed} attempts left";
        }
        else
        {
            text = $"{checking.Count} instances in health checks; fewest attempts left: {fewest.Left} of {fewest.Allowed} (instance {fewest.Track.Id})";
        }

        if (lastChance > 0)
        {
            text += checking.Count == 1
                ? $"; its next failed check fails it (max_consecutive_failures={config!.MaxConsecutiveFailures})"
                : $"; {lastChance} fail on their next failed check (max_consecutive_failures={config!.MaxConsecutiveFailures})";
        }

        if (deadline is { } d) text += $"; {(checking.Count == 1 ? "its" : "the first")} checks run out by {DurationText.Clock(d)} ({DurationText.Format(d - asOf)}) unless they pass";
        var ids = checking.Select(c => c.Track.Id).Take(cap).ToList();
        return new BlockingReason(BlockingKind.HealthChecks, text, $"{checking.Count} in health checks", ids, checking.Count, deadline);
    }

    private static BlockingReason? Starting(List<InstanceTrack> inFlight, HealthCheckConfig? config, int cap)
    {
        var starting = inFlight.Where(t => t.TaskPhase == InstancePhase.Starting).ToList();
        if (starting.Count == 0) return null;
        var text = $"{starting.Count} new task(s) STARTING, no health check reported yet";
        if (config is not null) text += $" (a health-gating executor allows {config.AttemptsAllowed} attempts once checks begin)";
        return new BlockingReason(BlockingKind.Starting, text, $"{starting.Count} starting", Ids(starting, cap), starting.Count, null);
    }

    /// <summary>RUNNING instances: those counting down watch_secs, and those that count at the updater's next evaluation.</summary>
    private static (BlockingReason? Watching, BlockingReason? Awaiting) Running(
        FoldState state, List<InstanceTrack> inFlight, UpdateStatus status, DateTimeOffset asOf, int cap)
    {
        var watching = new List<(InstanceTrack Track, DateTimeOffset Deadline)>();
        var awaiting = new List<InstanceTrack>();
        foreach (var track in inFlight)
        {
            if (track.TaskPhase != InstancePhase.Watching) continue;
            if (Gates.WatchDeadline(state, track) is { } deadline && deadline > asOf) watching.Add((track, deadline));
            else awaiting.Add(track);
        }

        BlockingReason? watch = null;
        if (watching.Count > 0)
        {
            watching.Sort((a, b) => a.Deadline.CompareTo(b.Deadline));
            var next = watching[0].Deadline;
            var text = $"{watching.Count} instance(s) RUNNING, counting down watch_secs={state.Settings.WatchSecs}: the next is done at {DurationText.Clock(next)} ({DurationText.Format(next - asOf)})";
            if (watching.Count > 1) text += $", the last at {DurationText.Clock(watching[^1].Deadline)}";
            if (!status.IsRolling()) text += "; they count once the update rolls again";
            watch = new BlockingReason(BlockingKind.WatchCountdown, text, $"{watching.Count} in watch_secs (next {DurationText.Format(next - asOf)})",
                watching.Select(w => w.Track.Id).Take(cap).ToList(), watching.Count, next);
        }

        BlockingReason? ready = null;
        if (awaiting.Count > 0)
        {
            var why = status.IsRolling() ? "at the updater's next evaluation" : "as soon as the update rolls again";
            ready = new BlockingReason(BlockingKind.AwaitingEvaluation,
                $"{awaiting.Count} instance(s) RUNNING and past their gate (health-gated or watch_secs done): counted {why}",
                $"{awaiting.Count} ready", Ids(awaiting, cap), awaiting.Count, null);
        }

        return (watch, ready);
    }

    private static BlockingReason? Simple(List<InstanceTrack> inFlight, InstancePhase phase, BlockingKind kind, int cap, string what, string word)
    {
        var tracks = inFlight.Where(t => t.TaskPhase == phase).ToList();
        return tracks.Count == 0 ? null
            : new BlockingReason(kind, $"{tracks.Count} {what}", $"{tracks.Count} {word}", Ids(tracks, cap), tracks.Count, null);
    }

    private static BlockingReason? Retries(FoldState state, List<InstanceTrack> inFlight, int cap)
    {
        var failing = inFlight.Where(t => t.FailuresIn(state.Run) > 0).OrderByDescending(t => t.FailuresIn(state.Run)).ThenBy(t => t.Id).ToList();
        if (failing.Count == 0) return null;
        var tolerated = state.Settings.MaxPerInstanceFailures;
        var worst = failing[0];
        var failures = worst.FailuresIn(state.Run);
        var left = Math.Max(0, tolerated - failures);
        var text = failing.Count == 1
            ? $"instance {worst.Id}'s new task failed {failures}× (max_per_instance_failures={tolerated})"
            : $"{failing.Count} instances have failed tasks, instance {worst.Id} the most: {failures}× (max_per_instance_failures={tolerated})";
        text += left == 0 ? ": one more failure fails the instance" : $": {left} more tolerated, the next after that fails the instance";
        return new BlockingReason(BlockingKind.InstanceRetries, text, $"{failing.Count} retrying", Ids(failing, cap), failing.Count, null);
    }

    private static BlockingReason? FailureBudget(FoldState state, UpdateStatus status, bool backward, int cap)
    {
        var failed = state.Instances
            .Where(t => backward ? t.BackOutcome == InstanceAction.InstanceRollbackFailed : t.ForwardOutcome == InstanceAction.InstanceUpdateFailed)
            .ToList();
        var anyRetry = state.Instances.Any(t => t.InFlight(backward) && t.FailuresIn(state.Run) > 0);
        if (state.FailedInRun == 0 && !anyRetry) return null;
        var max = state.Settings.MaxFailedInstances;
        var left = Math.Max(0, max - state.FailedInRun);
        var consequence = backward ? "fails the rollback" : state.Settings.RollbackOnFailure ? "rolls the update back" : "fails the update";
        var text = $"{state.FailedInRun} instance(s) failed since it last started rolling (max_failed_instances={max}): "
            + (left == 0 ? $"one more failed instance {consequence}" : $"{left} more tolerated, the one after {consequence}");
        if (status.IsPaused() || status.IsAwaitingPulse()) text += "; a resume starts the count over, as Aurora's fresh updater does";
        return new BlockingReason(BlockingKind.FailureBudget, text, $"{state.FailedInRun}/{max} failures", Ids(failed, cap), failed.Count, null);
    }

    private static BlockingReason PulseDue(FoldState state, DateTimeOffset asOf)
    {
        var deadline = state.LastPulse?.Deadline;
        var text = deadline is { } d
            ? $"coordinated: needs a pulse by {DurationText.Clock(d)} ({DurationText.Format(d - asOf)}) or it blocks at its next evaluation"
            : "coordinated: it blocks at its next evaluation unless pulsed";
        var shortText = deadline is { } s ? $"pulse due in {DurationText.Format(s - asOf)}" : "pulse due";
        return new BlockingReason(BlockingKind.PulseDue, text, shortText, [], 0, deadline);
    }

    private static List<int> Ids(List<InstanceTrack> tracks, int cap) => tracks.Select(t => t.Id).Take(cap).ToList();
}
