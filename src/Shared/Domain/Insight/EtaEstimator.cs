using System.Text;
using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>
/// Remaining rolling time from what this update itself has shown, in the direction it is going.
/// <para>
/// The model. Batches run one after another and a batch lasts as long as its slowest instance, so:
/// remaining = what the batch in flight still needs (its slowest in-flight instance) + one duration per
/// batch not started. A batch of n is taken as the slowest of n draws from the durations of this
/// update's finished instances (order statistics: its q-quantile is their q^(1/n)-quantile). That uses
/// every instance seen, not just every batch, weighs a mix of fast (health-gated) and slow (watch_secs)
/// instances by how likely a batch is to hold a slow one, and scales to variable batch sizes. Once
/// batches have finished, the range is widened to cover what they took (their min..max), so the
/// batch-level effects the instance model misses show. The range per batch: min..max of the draws (or
/// 10th..90th percentile from five observations on), summed over the batches left, so it is wide
/// rather than tight: an estimate for an operator to plan with, not a promise.
/// </para>
/// <para>
/// Before any instance has finished, instances counting down watch_secs give their exact durations;
/// with none of those either the estimate is unknown, and says why. A rollback with nothing rolled back
/// yet borrows the durations of the instances that were updated. An instance in flight needs: its
/// watch_secs deadline less now when it is RUNNING under watch (exact), nothing when RUNNING and
/// health-gated, else what finished instances that took longer than it has so far took beyond that.
/// The queue strategy has no batches: instances take turns in groupSize slots, simulated with the
/// per-instance durations. All durations are rolling time, net of pauses and waits for a pulse, so a
/// pause neither inflates what was observed nor counts as work left.
/// </para>
/// </summary>
internal static class EtaEstimator
{
    public static UpdateEta Estimate(FoldState state, DateTimeOffset asOf)
    {
        if (state.Started is null) return UpdateEta.Unknown("no UpdateStarted event in the log yet");
        if (state.Status is not { } status) return UpdateEta.Unknown("the update has not reported a status yet");
        if (status.IsTerminal())
        {
            var ended = state.EndedAt ?? asOf;
            return new UpdateEta(EtaKind.Finished, null, null, null, null, status.IsBackward(), false, 0, 0, 0,
                $"finished: {status.WireName()} at {DurationText.Clock(ended)}, {DurationText.Format(ended - state.StartAt)} after it started");
        }

        var backward = status.IsBackward();
        var suspended = !status.IsRolling();
        var inFlight = state.Instances.Where(t => t.InFlight(backward)).ToList();
        var total = backward ? state.ForwardStarted : state.Instances.Length;
        var started = backward ? state.BackStarted : state.ForwardStarted;
        var notStarted = Math.Max(0, total - started);
        var left = notStarted + inFlight.Count;
        var prefix = Prefix(state, status, asOf);

        var (samples, basis) = Samples(state, backward, inFlight);
        if (samples.Count == 0)
        {
            var what = backward ? "rolled back" : "finished";
            var why = inFlight.Count == 0
                ? $"no instance has {what} yet and none is in flight"
                : $"no instance has {what} yet and none of the {inFlight.Count} in flight counts down watch_secs; an estimate follows the first to finish";
            return UpdateEta.Unknown(prefix + why, backward, suspended, left);
        }

        var remaining = inFlight.Select(t => InFlightRemaining(state, t, backward, samples, asOf)).ToList();
        return state.Settings.Strategy == UpdateStrategyKind.Queue
            ? Queue(state, status, asOf, prefix, basis, samples, remaining, notStarted, total, left)
            : Batches(state, status, asOf, prefix, basis, samples, remaining, notStarted, left);
    }

    private static UpdateEta Batches(
        FoldState state, UpdateStatus status, DateTimeOffset asOf, string prefix, string basis,
        List<double> samples, List<Spread> inFlight, int notStarted, int left)
    {
        var backward = status.IsBackward();
        var direction = state.Batches.Where(b => b.Backward == backward).ToList();
        var done = direction.Where(b => b.EndAt is not null)
            .Select(b => (double)(state.Suspensions.Active(b.StartAt, b.EndAt!.Value).Ticks / TimeSpan.TicksPerMillisecond))
            .Order().ToList();
        var open = direction.Count(b => b.EndAt is null);
        var plan = BatchPlan.Sizes(state, backward, notStarted);

        var current = inFlight.Aggregate(Spread.Zero, (a, b) => a.Max(b));
        var rest = Spread.Zero;
        foreach (var size in plan)
        {
            var batch = DurationStats.SlowestOf(samples, size);
            if (done.Count > 0) batch = new Spread(Math.Min(batch.Low, done[0]), batch.Expected, Math.Max(batch.High, done[^1]));
            rest = rest.Plus(batch);
        }

        var range = current.Plus(rest);

        var batchesLeft = open + plan.Count;
        var text = new StringBuilder(prefix);
        text.Append($"{done.Count} of {done.Count + batchesLeft} batches done; ");
        if (done.Count > 0)
        {
            text.Append($"batches took {DurationText.Range(Ms(done[0]), Ms(done[^1]))} (median {DurationText.Milliseconds(DurationStats.Median(done))})");
        }
        else
        {
            text.Append($"no batch finished yet; {basis}, and a batch lasts as long as its slowest instance");
        }

        text.Append($"; {batchesLeft} left → {Describe(range)}");
        Suffix(state, status, asOf, plan.Count, text);
        return Result(status, asOf, range, done.Count, batchesLeft, left, text);
    }

    private static UpdateEta Queue(
        FoldState state, UpdateStatus status, DateTimeOffset asOf, string prefix, string basis,
        List<double> samples, List<Spread> inFlight, int notStarted, int total, int left)
    {
        var slots = Math.Max(1, state.Settings.GroupSize);
        var each = DurationStats.Of(samples);
        var range = new Spread(
            Simulate(slots, inFlight.Select(s => s.Low), notStarted, each.Low),
            Simulate(slots, inFlight.Select(s => s.Expected), notStarted, each.Expected),
            Simulate(slots, inFlight.Select(s => s.High), notStarted, each.High));
        var done = total - left;
        var text = new StringBuilder(prefix);
        text.Append($"{done} of {total} instances done; {basis}, {slots} at a time; {left} left → {Describe(range)}");
        Suffix(state, status, asOf, 0, text);
        return Result(status, asOf, range, done, left, left, text);
    }

    /// <summary>List scheduling: each instance takes the first free slot; the last slot to free up is the end.</summary>
    private static double Simulate(int slots, IEnumerable<double> inFlight, int count, double each)
    {
        var free = new PriorityQueue<double, double>();
        foreach (var t in inFlight) free.Enqueue(t, t);
        while (free.Count < slots) free.Enqueue(0, 0);
        for (var i = 0; i < count; i++)
        {
            var t = free.Dequeue() + each;
            free.Enqueue(t, t);
        }

        double end = 0;
        while (free.TryDequeue(out var t, out _)) end = Math.Max(end, t);
        return end;
    }

    /// <summary>
    /// Durations of finished instances in this direction, sorted; a rollback with none yet borrows the
    /// forward ones; with nothing finished at all, instances counting down watch_secs give theirs.
    /// </summary>
    private static (List<double> Samples, string Basis) Samples(FoldState state, bool backward, List<InstanceTrack> inFlight)
    {
        var own = DurationStats.Sorted(backward ? state.BackDurationsMs : state.ForwardDurationsMs);
        if (own.Count > 0) return (own, $"instances took {RangeText(own)}");
        if (backward && state.ForwardUpdatedMs.Count > 0)
        {
            var forward = DurationStats.Sorted(state.ForwardUpdatedMs);
            return (forward, $"no instance rolled back yet; updated instances took {RangeText(forward)} rolling forward");
        }

        var provisional = new List<double>();
        foreach (var track in inFlight)
        {
            if (Gates.WatchDeadline(state, track) is { } deadline && (backward ? track.BackStart : track.ForwardStart) is { } start)
            {
                provisional.Add(state.Suspensions.Active(start, deadline).Ticks / TimeSpan.TicksPerMillisecond);
            }
        }

        provisional.Sort();
        return (provisional, provisional.Count == 0 ? string.Empty
            : $"no instance finished yet; those counting down watch_secs will take {RangeText(provisional)}");
    }

    private static Spread InFlightRemaining(FoldState state, InstanceTrack track, bool backward, List<double> samples, DateTimeOffset asOf)
    {
        if (track.TaskPhase == InstancePhase.Watching)
        {
            // RUNNING: exact, as far as the gate goes (a gated one counts at the next evaluation).
            return Gates.WatchDeadline(state, track) is { } deadline ? Spread.Exactly(Math.Max(0, (deadline - asOf).TotalMilliseconds)) : Spread.Zero;
        }

        var start = (backward ? track.BackStart : track.ForwardStart) ?? asOf;
        double elapsed = state.Suspensions.Active(start, asOf).Ticks / TimeSpan.TicksPerMillisecond;
        if (DurationStats.Beyond(samples, elapsed) is { } beyond) return beyond;

        // Slower than every instance seen: assume up to one more typical instance's time.
        var typical = DurationStats.Median(samples);
        return new Spread(0, typical / 2, typical);
    }

    private static string Prefix(FoldState state, UpdateStatus status, DateTimeOffset asOf)
    {
        var text = new StringBuilder();
        if (status.IsBackward()) text.Append("rolling back: ");
        if (status.IsRolling()) return text.ToString();

        var since = state.Suspensions.Since ?? asOf;
        var last = state.Statuses.Count > 0 ? state.Statuses[^1] : default;
        if (status.IsAwaitingPulse())
        {
            text.Append($"awaiting a pulse since {DurationText.Clock(since)}");
        }
        else if (last.IsAutoPause)
        {
            text.Append($"auto-paused after a batch since {DurationText.Clock(since)}");
        }
        else
        {
            text.Append($"paused by {(last.User.Length > 0 ? last.User : "the scheduler")} since {DurationText.Clock(since)}");
        }

        text.Append(": the estimate counts rolling time from when it resumes; ");
        return text.ToString();
    }

    private static void Suffix(FoldState state, UpdateStatus status, DateTimeOffset asOf, int plannedBatches, StringBuilder text)
    {
        var paused = state.Suspensions.Within(state.StartAt, asOf);
        if (paused > TimeSpan.Zero && status.IsRolling()) text.Append($"; {DurationText.Format(paused)} paused excluded");
        if (state.Settings.AutoPauseAfterBatch && plannedBatches > 0 && status == UpdateStatus.RollingForward)
        {
            text.Append($"; auto-pauses after each batch: {plannedBatches} resume(s) still needed");
        }

        if (state.Settings.IsCoordinated) text.Append($"; coordinated: it rolls only while pulsed within every {state.Settings.PulseIntervalSecs} s");
    }

    private static UpdateEta Result(UpdateStatus status, DateTimeOffset asOf, Spread range, int done, int batchesLeft, int left, StringBuilder text)
    {
        var suspended = !status.IsRolling();
        var expected = Ms(range.Expected);
        return new UpdateEta(EtaKind.Estimate, Ms(range.Low), expected, Ms(range.High), suspended ? null : asOf.SaturatingAdd(expected),
            status.IsBackward(), suspended, done, batchesLeft, left, text.ToString());
    }

    private static string Describe(Spread range) =>
        $"{DurationText.Range(Ms(range.Low), Ms(range.High))} (about {DurationText.Milliseconds(range.Expected)})";

    private static string RangeText(List<double> sorted) =>
        $"{DurationText.Range(Ms(sorted[0]), Ms(sorted[^1]))} (median {DurationText.Milliseconds(DurationStats.Median(sorted))})";

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(Math.Max(0, Math.Round(ms)));
}
