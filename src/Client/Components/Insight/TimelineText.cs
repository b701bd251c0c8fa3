using System.Globalization;
using System.Text;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Client.Components.Insight;

/// <summary>The timeline's words and colours: axis labels, tooltips, batch names and the canvas's summary.</summary>
public static class TimelineText
{
    /// <summary>Phase colours by phase code (css/timeline.css defines them for light and dark).</summary>
    public static IReadOnlyList<string> PhaseCss { get; } =
        [.. Enumerable.Range(0, InstancePhases.Count).Select(p => $"var(--rollout-phase-{CssName((InstancePhase)p)})")];

    /// <summary>Status band colours by <see cref="StatusTone"/>.</summary>
    public static IReadOnlyList<string> StatusCss { get; } =
    [
        "var(--rollout-status-forward)", "var(--rollout-status-back)", "var(--rollout-status-paused)",
        "var(--rollout-status-pulse)", "var(--rollout-status-done)", "var(--rollout-status-bad)",
    ];

    /// <summary>Status tone 2: paused, which the canvas also shades across the body.</summary>
    public const byte PausedTone = 2;

    public static byte StatusTone(UpdateStatus status) => status switch
    {
        UpdateStatus.RollingForward => 0,
        UpdateStatus.RollingBack => 1,
        UpdateStatus.RollForwardPaused or UpdateStatus.RollBackPaused => PausedTone,
        UpdateStatus.RollForwardAwaitingPulse or UpdateStatus.RollBackAwaitingPulse => 3,
        UpdateStatus.RolledForward => 4,
        _ => 5,
    };

    public static string CssName(InstancePhase phase) => phase switch
    {
        InstancePhase.HealthChecking => "health-checking",
        InstancePhase.RollingBack => "rolling-back",
        InstancePhase.RolledBack => "rolled-back",
        _ => phase.ToString().ToLowerInvariant(),
    };

    /// <summary>"+2 m", "+1 h 5 m", "+45 s", "0": an instant after the update's start.</summary>
    public static string Relative(double ms)
    {
        var seconds = (long)Math.Round(Math.Max(0, ms) / 1000);
        if (seconds == 0) return "0";
        long h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
        var parts = new List<string>(2);
        if (h > 0) parts.Add($"{h} h");
        if (m > 0) parts.Add($"{m} m");
        if (s > 0 && h == 0) parts.Add($"{s} s");
        return "+" + string.Join(' ', parts);
    }

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Instances(int n) => $"{Count(n)} instance{(n == 1 ? "" : "s")}";

    /// <summary>"Batch 3 (500 instances)"; rollback batches count on their own.</summary>
    public static string BatchLabel(TimelineOverview overview, TimelineBatch batch)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ArgumentNullException.ThrowIfNull(batch);
        var ordinal = overview.Batches.Count(b => b.Backward == batch.Backward && b.Index <= batch.Index);
        return $"{(batch.Backward ? "Rollback batch" : "Batch")} {ordinal} ({Instances(batch.InstanceIds.Length)})";
    }

    public static string LaneLabel(TimelineLane lane)
    {
        ArgumentNullException.ThrowIfNull(lane);
        return $"{lane.Label} ({Instances(lane.InstanceCount)})";
    }

    /// <summary>The batches a lane holds: its forward batches between its first and last.</summary>
    public static IReadOnlyList<TimelineBatch> BatchesOf(TimelineOverview overview, TimelineLane lane)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ArgumentNullException.ThrowIfNull(lane);
        return lane.FirstBatch < 0 ? [] : [.. overview.Batches.Where(b => !b.Backward && b.Index >= lane.FirstBatch && b.Index <= lane.LastBatch)];
    }

    /// <summary>"120 updated, 30 health checking, 350 waiting": a lane's phases at one sample, biggest stack first.</summary>
    public static string PhaseCounts(TimelineLane lane, int sample)
    {
        ArgumentNullException.ThrowIfNull(lane);
        if (sample < 0 || (sample + 1) * InstancePhases.Count > lane.Counts.Length) return "no samples";
        var parts = TimelineLayout.StackOrder.Where(p => lane.CountAt(sample, p) > 0).Select(p => $"{Count(lane.CountAt(sample, p))} {p.DisplayName()}");
        return string.Join(", ", parts) is { Length: > 0 } text ? text : "none";
    }

    /// <summary>The canvas's accessible name: what the whole timeline or the drilled batch adds up to now.</summary>
    public static string Summary(TimelineOverview overview, TimelineDetail? detail)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var last = overview.SampleMs.Length - 1;
        var totals = new int[InstancePhases.Count];
        IEnumerable<TimelineLane> lanes = detail is null ? overview.Lanes : [detail.Lane];
        foreach (var lane in lanes.Where(l => last >= 0 && l.Counts.Length >= (last + 1) * InstancePhases.Count))
        {
            for (var p = 0; p < totals.Length; p++) totals[p] += lane.CountAt(last, (InstancePhase)p);
        }

        var text = new StringBuilder();
        if (detail is null)
        {
            var forward = overview.Batches.Count(b => !b.Backward);
            text.Append($"Timeline: {Instances(overview.InstanceCount)} in {Count(forward)} batch{(forward == 1 ? "" : "es")}");
        }
        else
        {
            text.Append($"Timeline of {BatchLabel(overview, detail.Batch)}");
        }

        var inFlight = Enumerable.Range(0, totals.Length).Where(p => ((InstancePhase)p).IsInFlight()).Sum(p => totals[p]);
        text.Append($", {Count(totals[(int)InstancePhase.Updated])} updated, {Count(inFlight)} in flight");
        foreach (var phase in new[] { InstancePhase.Failed, InstancePhase.RolledBack, InstancePhase.Waiting })
        {
            if (totals[(int)phase] > 0) text.Append($", {Count(totals[(int)phase])} {phase.DisplayName()}");
        }

        return text.Append($"; as of {Relative(overview.EndMs)}").ToString();
    }

    /// <summary>The phase instance row <paramref name="row"/> is in at the end: its last segment's.</summary>
    public static string PhaseNow(TimelineDetail detail, int row)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var last = detail.SegmentOffsets[row + 1] - 1;
        return (last >= detail.SegmentOffsets[row] ? (InstancePhase)detail.SegmentPhases[last] : InstancePhase.Waiting).DisplayName();
    }

    public static string LaneTip(TimelineLane lane, int sample, int sampleMs) =>
        $"{LaneLabel(lane)} at {Relative(sampleMs)}\n{PhaseCounts(lane, sample)}";

    /// <summary>"#123 health checking\n+2 m 10 s – +2 m 40 s (30 s)\n3 health-check attempts".</summary>
    public static string SegmentTip(TimelineDetail detail, int row, int k)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var phase = (InstancePhase)detail.SegmentPhases[k];
        var start = detail.SegmentStartMs[k];
        var end = TimelineLayout.SegmentEnd(detail, row, k);
        var text = $"#{detail.InstanceIds[row]} {phase.DisplayName()}\n{Relative(start)} – {(end == detail.EndMs ? "now" : Relative(end))} ({DurationText.Milliseconds(end - start)})";
        var d = detail.SegmentDetails[k];
        var more = phase switch
        {
            InstancePhase.HealthChecking when d > 0 => $"{d} health-check attempt{(d == 1 ? "" : "s")}",
            InstancePhase.Restarting when d > 0 => $"{d} failure{(d == 1 ? "" : "s")} so far",
            InstancePhase.RollingBack when d > 0 => $"rollback task {((InstancePhase)d).DisplayName()}",
            _ => null,
        };
        return more is null ? text : $"{text}\n{more}";
    }

    public static string HeadTip(TimelineOverview overview, HeadHit hit)
    {
        ArgumentNullException.ThrowIfNull(overview);
        switch (hit.Kind)
        {
            case HeadHitKind.Status:
                var span = overview.Statuses[hit.Index];
                var end = hit.Index + 1 < overview.Statuses.Count ? overview.Statuses[hit.Index + 1].StartMs : overview.EndMs;
                return $"{span.Status.WireName()} {Relative(span.StartMs)} – {(hit.Index + 1 < overview.Statuses.Count ? Relative(end) : "now")} ({DurationText.Milliseconds(end - span.StartMs)})";
            case HeadHitKind.Operator:
                var mark = overview.OperatorActions[hit.Index];
                return $"{mark.User}: {mark.Status.WireName()} at {Relative(mark.AtMs)}{(mark.Message.Length > 0 ? $"\n“{mark.Message}”" : "")}";
            case HeadHitKind.Pulse:
                return $"pulse at {Relative(overview.PulseMs[hit.Index])}";
            case HeadHitKind.Batch:
                var batch = overview.Batches[hit.Index];
                return $"{BatchLabel(overview, batch)} started {Relative(batch.StartMs)}" +
                    $"{(batch.EndMs is { } e ? $", ended {Relative(e)}" : ", running")}\n{Count(batch.Finished)} finished, {Count(batch.Failed)} failed";
            default:
                return string.Empty;
        }
    }
}
