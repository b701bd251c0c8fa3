namespace Rollout.Domain.Insight;

/// <summary>How many of a set of instances are in each phase at each sample instant, from a timeline's flat arrays.</summary>
internal static class LaneCounts
{
    /// <summary>Each segment marks the samples it covers in a difference array: one pass over the segments, one over the samples.</summary>
    public static int[] Count(IEnumerable<int> members, int[] offsets, int[] starts, byte[] phases, int[] samples)
    {
        const int P = InstancePhases.Count;
        var columns = samples.Length;
        var diff = new int[(columns + 1) * P];
        foreach (var i in members)
        {
            for (var k = offsets[i]; k < offsets[i + 1]; k++)
            {
                var from = FirstAtOrAfter(samples, starts[k]);
                var to = k + 1 < offsets[i + 1] ? FirstAtOrAfter(samples, starts[k + 1]) : columns;
                if (from >= to) continue;
                diff[(from * P) + phases[k]]++;
                diff[(to * P) + phases[k]]--;
            }
        }

        var counts = new int[columns * P];
        for (var p = 0; p < P; p++)
        {
            var running = 0;
            for (var c = 0; c < columns; c++)
            {
                running += diff[(c * P) + p];
                counts[(c * P) + p] = running;
            }
        }

        return counts;
    }

    private static int FirstAtOrAfter(int[] samples, int ms)
    {
        var lo = 0;
        var hi = samples.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (samples[mid] < ms) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }
}
