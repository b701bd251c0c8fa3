namespace Rollout.Domain.Insight;

/// <summary>Turns the fold's bars and batches into the timeline's flat arrays and sampled lanes.</summary>
internal static class TimelineBuilder
{
    public static UpdateTimeline Build(FoldState state, DateTimeOffset asOf)
    {
        if (state.Started is null) return UpdateTimeline.Empty;
        var instances = state.Instances;
        var endMs = state.Ms(asOf);

        var offsets = new int[instances.Length + 1];
        for (var i = 0; i < instances.Length; i++) offsets[i + 1] = offsets[i] + instances[i].Segments.Count;
        var total = offsets[^1];
        var starts = new int[total];
        var phases = new byte[total];
        var details = new byte[total];
        var ids = new int[instances.Length];
        var forwardBatch = new int[instances.Length];
        var backBatch = new int[instances.Length];
        for (var i = 0; i < instances.Length; i++)
        {
            var track = instances[i];
            ids[i] = track.Id;
            forwardBatch[i] = track.ForwardBatch;
            backBatch[i] = track.BackBatch;
            var k = offsets[i];
            foreach (var segment in track.Segments)
            {
                starts[k] = segment.StartMs;
                phases[k] = (byte)segment.Phase;
                details[k++] = segment.Detail;
            }
        }

        var batches = new TimelineBatch[state.Batches.Count];
        for (var b = 0; b < batches.Length; b++)
        {
            var batch = state.Batches[b];
            var members = new int[batch.Members.Count];
            for (var m = 0; m < members.Length; m++) members[m] = instances[batch.Members[m]].Id;
            batches[b] = new TimelineBatch(
                b, batch.Backward, state.Ms(batch.StartAt), batch.EndAt is { } end ? state.Ms(end) : null,
                batch.EndAt is { } e ? (int)Math.Min(int.MaxValue, state.Suspensions.Active(batch.StartAt, e).Ticks / TimeSpan.TicksPerMillisecond) : null,
                members, batch.Finished, batch.Failed);
        }

        var samples = SampleTimes(state.Options.Columns, endMs);
        var lanes = Lanes(state, offsets, starts, phases, samples);

        var statuses = state.Statuses.Select(s => new StatusSpan(state.Ms(s.At), s.Status)).ToArray();
        var operators = state.Statuses.Where(s => s.User.Length > 0)
            .Select(s => new OperatorMark(state.Ms(s.At), s.Status, s.User, s.Message)).ToArray();
        var pulses = state.Pulses.Select(state.Ms).ToArray();
        return new UpdateTimeline(state.StartAt, endMs, ids, offsets, starts, phases, details, forwardBatch, backBatch,
            batches, samples, lanes, statuses, operators, pulses);
    }

    /// <summary>The end of each of <paramref name="columns"/> equal columns: the last is the as-of instant.</summary>
    private static int[] SampleTimes(int columns, int endMs)
    {
        var samples = new int[Math.Max(1, columns)];
        for (var c = 0; c < samples.Length; c++) samples[c] = (int)((long)(c + 1) * endMs / samples.Length);
        return samples;
    }

    /// <summary>
    /// Forward batches grouped into at most MaxLanes lanes (consecutive batches share one past that),
    /// plus a lane for instances not started. A rolled-back instance stays in its forward batch's
    /// lane, so no instance is counted twice; rollback batches are in the batch list.
    /// </summary>
    private static TimelineLane[] Lanes(FoldState state, int[] offsets, int[] starts, byte[] phases, int[] samples)
    {
        var forward = state.Batches.Where(b => !b.Backward).ToList();
        var notStarted = state.Instances.Where(t => t.ForwardBatch < 0).Select(t => t.Index).ToList();
        var slots = Math.Max(1, state.Options.MaxLanes - (notStarted.Count > 0 ? 1 : 0));
        var perLane = Math.Max(1, (forward.Count + slots - 1) / slots);

        var lanes = new List<TimelineLane>();
        for (var first = 0; first < forward.Count; first += perLane)
        {
            var last = Math.Min(forward.Count, first + perLane) - 1;
            var members = new List<int>();
            for (var b = first; b <= last; b++) members.AddRange(forward[b].Members);
            var label = first == last ? $"batch {first + 1}" : $"batches {first + 1}–{last + 1}";
            lanes.Add(new TimelineLane(label, forward[first].Index, forward[last].Index, members.Count, LaneCounts.Count(members, offsets, starts, phases, samples)));
        }

        if (notStarted.Count > 0)
        {
            lanes.Add(new TimelineLane("not started", -1, -1, notStarted.Count, LaneCounts.Count(notStarted, offsets, starts, phases, samples)));
        }

        return [.. lanes];
    }
}
