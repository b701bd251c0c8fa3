using Rollout.Domain.Insight;

namespace Rollout.Client.Components.Insight;

/// <summary>What the timeline's body shows: every lane, or one batch's instances.</summary>
public enum TimelineMode
{
    Overview,
    Detail,
}

/// <summary>What a point in the timeline's head (axis, status band, marks row) is over.</summary>
public enum HeadHitKind
{
    None,
    Status,
    Operator,
    Pulse,
    Batch,
}

public readonly record struct HeadHit(HeadHitKind Kind, int Index);

/// <summary>
/// The timeline's geometry: a window of time [<see cref="FromMs"/>, <see cref="ToMs"/>] mapped onto the
/// plot, right of a label column, of a canvas <see cref="Width"/> CSS pixels wide; lanes or instance
/// rows stacked at a fixed pitch below a head. wwwroot/js/timeline.js draws with the same constants
/// (it receives them), and every hit test happens here, so both sides agree on what is where.
/// </summary>
public sealed record TimelineLayout(double Width, int FromMs, int ToMs)
{
    public const int LabelWidth = 104;
    public const int RightPad = 12;

    /// <summary>An overview lane's strip; the whole pitch (strip and gap below) belongs to the lane.</summary>
    public const int LaneHeight = 18;
    public const int LanePitch = 20;

    /// <summary>An instance's bar in the drill-down.</summary>
    public const int RowHeight = 12;
    public const int RowPitch = 14;

    /// <summary>The head, top to bottom: axis labels, the status band, the marks row (batches, pulses, operators).</summary>
    public const int AxisHeight = 16;
    public const int BandTop = 16;
    public const int BandHeight = 6;
    public const int MarksTop = 24;
    public const int MarksHeight = 16;
    public const int HeadHeight = MarksTop + MarksHeight;

    /// <summary>How near (CSS pixels) a pointer must be to a mark to hit it.</summary>
    public const double HitRadius = 4;

    /// <summary>
    /// Bottom to top: finished phases first, then in-flight ones in the order an instance walks them,
    /// waiting last, so each lane reads as a rising "done" area under a band of work.
    /// </summary>
    public static IReadOnlyList<InstancePhase> StackOrder { get; } =
    [
        InstancePhase.Updated, InstancePhase.RolledBack, InstancePhase.Failed, InstancePhase.Watching,
        InstancePhase.HealthChecking, InstancePhase.Starting, InstancePhase.Pending, InstancePhase.Killing,
        InstancePhase.Restarting, InstancePhase.RollingBack, InstancePhase.Waiting,
    ];

    private static readonly int[] TickSteps =
    [
        1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000,
        3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000,
    ];

    public static double PlotLeft => LabelWidth;

    public double PlotRight => Math.Max(PlotLeft + 1, Width - RightPad);

    public double PlotWidth => PlotRight - PlotLeft;

    private double Span => Math.Max(1, ToMs - FromMs);

    /// <summary>The x of an instant (ms after the update's start).</summary>
    public double X(double ms) => PlotLeft + ((ms - FromMs) * PlotWidth / Span);

    /// <summary>The instant at an x; outside the plot it runs on past the window's ends.</summary>
    public double MsAt(double x) => FromMs + ((x - PlotLeft) * Span / PlotWidth);

    public bool InPlot(double x) => x >= PlotLeft && x <= PlotRight;

    public static int Pitch(TimelineMode mode) => mode == TimelineMode.Overview ? LanePitch : RowPitch;

    /// <summary>The body's full height: it scrolls inside a capped box, and the canvas draws only what shows.</summary>
    public static int ContentHeight(TimelineMode mode, int count) => Math.Max(0, count) * Pitch(mode);

    public static int Top(TimelineMode mode, int index) => index * Pitch(mode);

    /// <summary>The lane or row at a body y (content coordinates, scrolling included), or -1.</summary>
    public static int IndexAt(TimelineMode mode, double y, int count)
    {
        if (!(y >= 0)) return -1;
        var index = (long)Math.Floor(y / Pitch(mode));
        return index < count ? (int)index : -1;
    }

    /// <summary>The sample whose column holds <paramref name="ms"/>: column s ends at SampleMs[s] and starts where s - 1 ends.</summary>
    public static int SampleAt(int[] sampleMs, double ms)
    {
        ArgumentNullException.ThrowIfNull(sampleMs);
        if (sampleMs.Length == 0 || !(ms >= 0) || ms > sampleMs[^1]) return -1;
        int low = 0, high = sampleMs.Length - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (sampleMs[mid] >= ms) high = mid;
            else low = mid + 1;
        }

        return low;
    }

    /// <summary>The segment of instance row <paramref name="row"/> at <paramref name="ms"/>, or -1 before its first.</summary>
    public static int SegmentAt(TimelineDetail detail, int row, double ms)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (row < 0 || row >= detail.InstanceIds.Length || !(ms >= 0) || ms > detail.EndMs) return -1;
        var found = -1;
        for (var k = detail.SegmentOffsets[row]; k < detail.SegmentOffsets[row + 1] && detail.SegmentStartMs[k] <= ms; k++) found = k;
        return found;
    }

    /// <summary>When segment <paramref name="k"/> of instance row <paramref name="row"/> ends: at the next one, or the as-of end.</summary>
    public static int SegmentEnd(TimelineDetail detail, int row, int k)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return k + 1 < detail.SegmentOffsets[row + 1] ? detail.SegmentStartMs[k + 1] : detail.EndMs;
    }

    /// <summary>
    /// The time a drill-down shows: from the batch's start to its instances' last change, padded, so a
    /// two-minute batch of a two-hour update is not a sliver. Never outside [0, EndMs].
    /// </summary>
    public static (int From, int To) DetailWindow(TimelineDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var from = detail.Batch.StartMs;
        var last = detail.Batch.EndMs ?? detail.EndMs;
        foreach (var start in detail.SegmentStartMs) last = Math.Max(last, start);
        var pad = Math.Max(1_000, (last - from) / 20);
        from = Math.Clamp(from - pad, 0, detail.EndMs);
        var to = Math.Clamp(last + pad, from, detail.EndMs);
        return to > from ? (from, to) : (0, Math.Max(1, detail.EndMs));
    }

    /// <summary>Round instants for axis ticks: the finest step giving at most <paramref name="maxTicks"/> in the window.</summary>
    public static int[] Ticks(int fromMs, int toMs, int maxTicks = 10)
    {
        var span = Math.Max(1, toMs - fromMs);
        var step = TickSteps.FirstOrDefault(s => span / s <= maxTicks, TickSteps[^1]);
        var first = ((fromMs + step - 1) / step) * step;
        var ticks = new List<int>();
        for (long t = first; t <= toMs; t += step) ticks.Add((int)t);
        return [.. ticks];
    }

    /// <summary>What in the head is at (x, y): the status band's span, else the nearest operator mark, pulse or batch start.</summary>
    public HeadHit HeadAt(double x, double y, TimelineOverview overview)
    {
        ArgumentNullException.ThrowIfNull(overview);
        if (!InPlot(x) || y < 0 || y > HeadHeight) return default;
        if (y >= BandTop - 1 && y <= BandTop + BandHeight + 1)
        {
            var ms = MsAt(x);
            var status = -1;
            for (var s = 0; s < overview.Statuses.Count && overview.Statuses[s].StartMs <= ms; s++) status = s;
            return status >= 0 ? new HeadHit(HeadHitKind.Status, status) : default;
        }

        if (y < MarksTop) return default;
        if (Nearest(overview.OperatorActions.Select(m => m.AtMs), x) is var mark and >= 0) return new HeadHit(HeadHitKind.Operator, mark);
        if (Nearest(overview.PulseMs, x) is var pulse and >= 0) return new HeadHit(HeadHitKind.Pulse, pulse);
        return Nearest(overview.Batches.Select(b => b.StartMs), x) is var batch and >= 0 ? new HeadHit(HeadHitKind.Batch, batch) : default;
    }

    /// <summary>The index of the instant drawn nearest x, if within <see cref="HitRadius"/>; else -1.</summary>
    public int Nearest(IEnumerable<int> instants, double x)
    {
        ArgumentNullException.ThrowIfNull(instants);
        var best = -1;
        var bestDistance = HitRadius;
        var i = 0;
        foreach (var ms in instants)
        {
            var distance = Math.Abs(X(ms) - x);
            if (distance <= bestDistance)
            {
                best = i;
                bestDistance = distance;
            }

            i++;
        }

        return best;
    }
}
