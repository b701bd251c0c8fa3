using System.Text;
using Rollout.Domain.Gating;

namespace Rollout.Domain.Insight;

/// <summary>Adds up watch_secs and health-check time, and what gating saved or would have saved.</summary>
internal static class GatingInsightCalculator
{
    public static GatingInsight Compute(FoldState state, DateTimeOffset asOf)
    {
        var watchSecs = state.Settings.WatchSecs;
        var tally = state.Finalized.Copy();
        int gated = 0, watch = 0, undetermined = 0;
        foreach (var track in state.Instances)
        {
            tally.Add(track, watchSecs, asOf);
            // An instance the update never touched (a silent no-op) is not one it gated.
            switch (track.Touched ? track.Decision?.Mode : null)
            {
                case GatingMode.HealthGated:
                    gated++;
                    break;
                case GatingMode.WatchSecs:
                    watch++;
                    break;
                default:
                    undetermined++;
                    break;
            }
        }

        var share = new GatingShare(gated, watch, undetermined);
        var watchMs = TimeSpan.FromSeconds(watchSecs).TotalMilliseconds;
        var starts = DurationStats.Sorted(tally.WatchStartMs);
        double? baseline = starts.Count > 0 ? DurationStats.Median(starts) : null;
        var extras = tally.GatedCheckMs.Select(c => Math.Max(0, c - (baseline ?? 0))).Order().ToList();
        var saved = extras.Sum(e => watchMs - e);
        double? typicalExtra = extras.Count > 0 ? DurationStats.Median(extras) : null;
        double? wouldHaveSaved = typicalExtra is { } t ? tally.WatchTasks * (watchMs - t) : null;

        var checkTime = TimeSpan.FromMilliseconds(tally.GatedCheckMs.Sum());
        var watchTime = TimeSpan.FromMilliseconds(tally.WatchMs);
        var text = new StringBuilder();
        text.Append($"{gated} of {share.Total} instances health-gated, {watch} on watch_secs={watchSecs}");
        if (undetermined > 0) text.Append($", {undetermined} not decided yet");
        text.Append($"; instance-time in health checks {DurationText.Format(checkTime)}, in watch_secs {DurationText.Format(watchTime)}");
        if (extras.Count > 0)
        {
            text.Append($"; gating saved {Signed(saved)} ({extras.Count} task(s) skipped {watchSecs} s of watch_secs, less a typical {DurationText.Milliseconds(typicalExtra!.Value)} of extra checking");
            text.Append(baseline is { } b ? $" beyond the {DurationText.Milliseconds(b)} a watch_secs task takes to start)" : ")");
        }

        if (tally.WatchTasks > 0)
        {
            text.Append(wouldHaveSaved is { } w
                ? $"; gating the {tally.WatchTasks} watch_secs task(s) would have saved {Signed(w)}"
                : "; what gating would save the watch_secs tasks: no gated instance observed yet");
        }

        return new GatingInsight(share, watchTime, checkTime, extras.Count, tally.WatchTasks,
            baseline is { } bs ? TimeSpan.FromMilliseconds(bs) : null, TimeSpan.FromMilliseconds(saved),
            typicalExtra is { } te ? TimeSpan.FromMilliseconds(te) : null,
            wouldHaveSaved is { } wh ? TimeSpan.FromMilliseconds(wh) : null, text.ToString());
    }

    private static string Signed(double ms) => ms < 0 ? $"nothing (it cost {DurationText.Milliseconds(-ms)})" : DurationText.Milliseconds(ms);
}
