using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Insight;

/// <summary>
/// A small timeline by hand: 8 instances; batch 1 (ids 0–1), batches 2–3 sharing a lane, two not started,
/// and a rollback batch; four one-minute samples; paused from +2 m 30 s to +3 m by alice; one pulse.
/// </summary>
internal static class TimelineData
{
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 11, 0, 0, TimeSpan.Zero);

    public static readonly int[] SampleMs = [60_000, 120_000, 180_000, 240_000];

    /// <summary>A lane's counts: per sample, (phase, count) pairs.</summary>
    public static int[] Counts(params (InstancePhase Phase, int Count)[][] samples)
    {
        var counts = new int[samples.Length * InstancePhases.Count];
        for (var s = 0; s < samples.Length; s++)
        {
            foreach (var (phase, count) in samples[s]) counts[(s * InstancePhases.Count) + (int)phase] += count;
        }

        return counts;
    }

    public static TimelineOverview Overview()
    {
        var lane1 = new TimelineLane("batch 1", 0, 0, 2, Counts(
            [(InstancePhase.HealthChecking, 1), (InstancePhase.Killing, 1)],
            [(InstancePhase.Updated, 2)], [(InstancePhase.Updated, 2)], [(InstancePhase.Updated, 2)]));
        var lane2 = new TimelineLane("batches 2–3", 1, 2, 4, Counts(
            [(InstancePhase.Waiting, 4)], [(InstancePhase.Waiting, 4)],
            [(InstancePhase.Updated, 2), (InstancePhase.Waiting, 2)],
            [(InstancePhase.Updated, 1), (InstancePhase.HealthChecking, 1), (InstancePhase.Waiting, 2)]));
        var lane3 = new TimelineLane("not started", -1, -1, 2, Counts(
            [(InstancePhase.Waiting, 2)], [(InstancePhase.Waiting, 2)], [(InstancePhase.Waiting, 2)], [(InstancePhase.Waiting, 2)]));
        TimelineBatch[] batches =
        [
            new(0, false, 0, 120_000, 120_000, [0, 1], 2, 0),
            new(1, false, 120_000, 180_000, 150_000, [2, 3], 2, 0),
            new(2, false, 180_000, null, null, [4, 5], 1, 0),
            new(3, true, 210_000, null, null, [4], 0, 0),
        ];
        return new TimelineOverview(Start, 240_000, 8, SampleMs, [lane1, lane2, lane3], batches,
            [new StatusSpan(0, UpdateStatus.RollingForward), new StatusSpan(150_000, UpdateStatus.RollForwardPaused), new StatusSpan(180_000, UpdateStatus.RollingForward)],
            [new OperatorMark(150_000, UpdateStatus.RollForwardPaused, "alice", "hold on"), new OperatorMark(180_000, UpdateStatus.RollingForward, "alice", "")],
            [90_000]);
    }

    /// <summary>
    /// Batch 1's bars: #0 killing from 0, health checking from +30 s (2 attempts), updated from +1 m 30 s;
    /// #1 waiting, killing from +45 s, updated from +1 m 40 s.
    /// </summary>
    public static TimelineDetail Detail(TimelineOverview overview) => new(
        overview.Batches[0], overview.Lanes[0], overview.EndMs, [0, 1], [0, 3, 6],
        [0, 30_000, 90_000, 0, 45_000, 100_000],
        [(byte)InstancePhase.Killing, (byte)InstancePhase.HealthChecking, (byte)InstancePhase.Updated,
         (byte)InstancePhase.Waiting, (byte)InstancePhase.Killing, (byte)InstancePhase.Updated],
        [0, 2, 0, 0, 0, 0]);

    /// <summary>10,000 instances in 20 batches of 500, each its own lane, 240 samples.</summary>
    public static TimelineOverview Large()
    {
        var samples = Enumerable.Range(1, 240).Select(s => s * 15_000).ToArray();
        var lanes = new List<TimelineLane>();
        var batches = new List<TimelineBatch>();
        for (var b = 0; b < 20; b++)
        {
            var counts = new int[samples.Length * InstancePhases.Count];
            for (var s = 0; s < samples.Length; s++) counts[(s * InstancePhases.Count) + (int)(s / 12 > b ? InstancePhase.Updated : InstancePhase.Waiting)] = 500;
            lanes.Add(new TimelineLane($"batch {b + 1}", b, b, 500, counts));
            batches.Add(new TimelineBatch(b, false, b * 180_000, (b + 1) * 180_000, 180_000, [.. Enumerable.Range(b * 500, 500)], 500, 0));
        }

        return new TimelineOverview(Start, samples[^1], 10_000, samples, lanes, batches, [new StatusSpan(0, UpdateStatus.RollingForward)], [], []);
    }
}
