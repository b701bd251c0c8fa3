using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>
/// Instances the updater started together. <see cref="StartMs"/> and <see cref="EndMs"/> are ms after
/// the update started; <see cref="ActiveMs"/> is the batch's rolling time (paused time excluded).
/// </summary>
public sealed record TimelineBatch(
    int Index,
    bool Backward,
    int StartMs,
    int? EndMs,
    int? ActiveMs,
    int[] InstanceIds,
    int Finished,
    int Failed);

/// <summary>
/// A run of consecutive forward batches drawn as one lane: at each of the timeline's sample instants,
/// how many of its instances are in each phase. <see cref="Counts"/>[s * InstancePhases.Count + phase].
/// </summary>
/// <param name="FirstBatch">The first batch in the lane; -1 for the lane of instances not started yet.</param>
public sealed record TimelineLane(string Label, int FirstBatch, int LastBatch, int InstanceCount, int[] Counts)
{
    public int CountAt(int sample, InstancePhase phase) => Counts[(sample * InstancePhases.Count) + (int)phase];
}

/// <summary>A status the update entered, from <see cref="StartMs"/> until the next.</summary>
public sealed record StatusSpan(int StartMs, UpdateStatus Status);

/// <summary>A status change an operator made (its user is not empty), with what they said.</summary>
public sealed record OperatorMark(int AtMs, UpdateStatus Status, string User, string Message);

/// <summary>
/// An update's timeline as compact arrays for a canvas. Times are ms after <see cref="Start"/> (the
/// update's start); everything ends at <see cref="EndMs"/> (the view's as-of instant).
/// Per instance: instance i (id <see cref="InstanceIds"/>[i]) has the segments
/// [<see cref="SegmentOffsets"/>[i], <see cref="SegmentOffsets"/>[i + 1]); segment k starts at
/// <see cref="SegmentStartMs"/>[k] in phase (<see cref="InstancePhase"/>)<see cref="SegmentPhases"/>[k]
/// with <see cref="SegmentDetails"/>[k] (health checks: attempts used; restarting: failures; rolling back:
/// the rollback task's own phase) and lasts until the next segment of the instance, or <see cref="EndMs"/>.
/// </summary>
public sealed record UpdateTimeline(
    DateTimeOffset Start,
    int EndMs,
    int[] InstanceIds,
    int[] SegmentOffsets,
    int[] SegmentStartMs,
    byte[] SegmentPhases,
    byte[] SegmentDetails,
    int[] ForwardBatchOf,
    int[] BackBatchOf,
    IReadOnlyList<TimelineBatch> Batches,
    int[] SampleMs,
    IReadOnlyList<TimelineLane> Lanes,
    IReadOnlyList<StatusSpan> Statuses,
    IReadOnlyList<OperatorMark> OperatorActions,
    int[] PulseMs)
{
    public static UpdateTimeline Empty { get; } = new(
        DateTimeOffset.MinValue, 0, [], [0], [], [], [], [], [], [], [], [], [], [], []);

    /// <summary>The position of an instance id in <see cref="InstanceIds"/>, or -1.</summary>
    public int IndexOf(int instanceId) => Array.BinarySearch(InstanceIds, instanceId) is var i and >= 0 ? i : -1;

    /// <summary>The phase instance <paramref name="index"/> was in at <paramref name="ms"/>.</summary>
    public InstancePhase PhaseAt(int index, int ms)
    {
        var phase = InstancePhase.Waiting;
        for (var k = SegmentOffsets[index]; k < SegmentOffsets[index + 1] && SegmentStartMs[k] <= ms; k++) phase = (InstancePhase)SegmentPhases[k];
        return phase;
    }

    /// <summary>One batch as a lane of its own, for drilling down from a lane that holds several.</summary>
    public TimelineLane LaneOf(TimelineBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var members = batch.InstanceIds.Select(IndexOf).Where(i => i >= 0).ToList();
        var ordinal = Batches.Count(b => b.Backward == batch.Backward && b.Index <= batch.Index);
        return new TimelineLane($"{(batch.Backward ? "rollback batch" : "batch")} {ordinal}", batch.Index, batch.Index, members.Count,
            LaneCounts.Count(members, SegmentOffsets, SegmentStartMs, SegmentPhases, SampleMs));
    }

    /// <summary>How many instances were in each phase at <paramref name="ms"/>, indexed by phase code.</summary>
    public int[] CountsAt(int ms)
    {
        var counts = new int[InstancePhases.Count];
        for (var i = 0; i < InstanceIds.Length; i++) counts[(int)PhaseAt(i, ms)]++;
        return counts;
    }
}
