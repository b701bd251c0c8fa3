using System.Runtime.InteropServices;
using Rollout.Domain.Insight;

namespace Rollout.Client.Components.Insight;

/// <summary>The constants wwwroot/js/timeline.js draws with (see <see cref="TimelineLayout"/>) and the colours it resolves.</summary>
internal sealed record TimelineOptions(
    int LabelWidth,
    int RightPad,
    int LaneHeight,
    int LanePitch,
    int RowHeight,
    int RowPitch,
    int AxisHeight,
    int BandTop,
    int BandHeight,
    int MarksTop,
    int MarksHeight,
    IReadOnlyList<string> Phases,
    IReadOnlyList<string> Statuses,
    byte PausedTone,
    byte[] StackOrder);

/// <summary>
/// One drawing of the timeline, as the script takes it. Integer arrays go as the bytes of little-endian
/// 32-bit values: byte arrays cross as binary, int arrays as JSON text that costs the browser a long
/// task at 10,000 instances. Mode 0 fills the lane fields (counts [lane][sample][phase]); mode 1 the bar fields.
/// </summary>
internal sealed record TimelineFrame(
    int Mode,
    int FromMs,
    int ToMs,
    int EndMs,
    int ContentHeight,
    byte[] Ticks,
    IReadOnlyList<string> TickLabels,
    byte[] BatchStarts,
    byte[] BatchBackward,
    byte[] StatusStarts,
    byte[] StatusTones,
    byte[] MarkMs,
    byte[] PulseMs,
    int Lanes,
    byte[] SampleMs,
    byte[] Counts,
    byte[] LaneTotals,
    byte[] Ids,
    byte[] Offsets,
    byte[] Starts,
    byte[] Phases)
{
    /// <summary>The time shown: the whole update in the overview, the batch's stretch of it when drilled in.</summary>
    public static (int From, int To) Window(TimelineOverview overview, TimelineDetail? detail) =>
        detail is null ? (0, Math.Max(1, overview.EndMs)) : TimelineLayout.DetailWindow(detail);

    public static TimelineFrame Of(TimelineOverview overview, TimelineDetail? detail)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var (from, to) = Window(overview, detail);
        var ticks = TimelineLayout.Ticks(from, to);
        var mode = detail is null ? TimelineMode.Overview : TimelineMode.Detail;
        var count = detail?.InstanceIds.Length ?? overview.Lanes.Count;
        var lanes = detail is null ? overview.Lanes : [];
        return new TimelineFrame(
            (int)mode, from, to, overview.EndMs, TimelineLayout.ContentHeight(mode, count),
            Bytes(ticks), [.. ticks.Select(t => TimelineText.Relative(t))],
            Bytes([.. overview.Batches.Select(b => b.StartMs)]), [.. overview.Batches.Select(b => (byte)(b.Backward ? 1 : 0))],
            Bytes([.. overview.Statuses.Select(s => s.StartMs)]), [.. overview.Statuses.Select(s => TimelineText.StatusTone(s.Status))],
            Bytes([.. overview.OperatorActions.Select(m => m.AtMs)]), Bytes(overview.PulseMs),
            lanes.Count, Bytes(detail is null ? overview.SampleMs : []), Bytes([.. lanes.SelectMany(l => l.Counts)]),
            Bytes([.. lanes.Select(l => l.InstanceCount)]),
            Bytes(detail?.InstanceIds ?? []), Bytes(detail?.SegmentOffsets ?? []), Bytes(detail?.SegmentStartMs ?? []),
            detail?.SegmentPhases ?? []);
    }

    private static byte[] Bytes(int[] values) => CanvasModule.Int32Bytes(values);

    internal static int[] Ints(byte[] bytes) => MemoryMarshal.Cast<byte, int>(bytes).ToArray();
}
