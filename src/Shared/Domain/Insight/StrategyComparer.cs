using System.Text;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Insight;

/// <summary>Runs S1, S2 and S3 on each instance's latest task in the update, with the inference classes the updater uses.</summary>
internal static class StrategyComparer
{
    private static readonly DetectionStrategy[] Strategies =
        [DetectionStrategy.MessagePresence, DetectionStrategy.Capabilities, DetectionStrategy.SettingsBit];

    public static StrategyComparison Compare(FoldState state)
    {
        if (state.Started is not { } started) return new StrategyComparison(DetectionStrategy.Unknown, [], [], 0, "no UpdateStarted event in the log yet");

        var settings = state.Settings;
        var watch = TimeSpan.FromSeconds(settings.WatchSecs);
        var rows = new List<InstanceStrategyComparison>();
        foreach (var track in state.Instances)
        {
            // Only a task the update launched says anything about the strategies; the old one predates them.
            if (!track.Touched || !track.TaskIsNew || track.TaskId is null) continue;
            // Live, most instances have not changed since the last build: their rows are reused as they are.
            var from = (track.TaskId, track.History.Count, track.CurrentDecision, track.BackStart);
            if (track.Comparison is { } cached && track.ComparedFrom == from)
            {
                rows.Add(cached);
                continue;
            }

            var rollbackTask = track.BackStart is { } back && track.FirstAt >= back;
            var healthCheck = rollbackTask ? started.InitialConfig?.HealthCheck : started.DesiredConfig?.HealthCheck;
            var input = new InferenceInput(track.History, settings, healthCheck);
            var evidenceMode = GatingEvaluator.EvidenceMode(ExecutorInference.Observe(input), healthCheck);
            TimeSpan? startToRunning = track is { StartingAt: { } s, RunningAt: { } r } ? r - s : null;

            var verdicts = new StrategyVerdict[Strategies.Length];
            for (var i = 0; i < Strategies.Length; i++)
            {
                var verdict = ExecutorInference.For(Strategies[i]).Infer(input);
                var mode = !verdict.Determined ? GatingMode.Undetermined
                    : verdict.RunningMeansHealthy ? GatingMode.HealthGated : GatingMode.WatchSecs;
                // S3's evidence is the update's settings: known from its start.
                var at = verdict.Evidence.At ?? (Strategies[i] == DetectionStrategy.SettingsBit ? started.Timestamp : null);
                TimeSpan? after = at is { } a ? (a > track.FirstAt ? a - track.FirstAt : TimeSpan.Zero) : null;
                TimeSpan? counted = startToRunning is { } gate && mode != GatingMode.Undetermined
                    ? gate + (mode == GatingMode.WatchSecs ? watch : TimeSpan.Zero)
                    : null;
                var unsafeTrust = mode == GatingMode.HealthGated && evidenceMode == GatingMode.WatchSecs;
                verdicts[i] = new StrategyVerdict(Strategies[i], mode, verdict.Version, verdict.Evidence.Description, at, after, counted, unsafeTrust);
            }

            var row = new InstanceStrategyComparison(track.Id, track.TaskId, verdicts[0], verdicts[1], verdicts[2], evidenceMode,
                track.CurrentDecision?.Mode, startToRunning, Differ(verdicts));
            track.Comparison = row;
            track.ComparedFrom = from;
            rows.Add(row);
        }

        var totals = Strategies.Select(s => Totals(s, rows, watch)).ToList();
        var disagreements = rows.Count(r => r.Differ);
        return new StrategyComparison(started.DetectionStrategy, rows, totals, disagreements, Summary(started.DetectionStrategy, rows.Count, totals, disagreements, settings.WatchSecs));
    }

    /// <summary>Two strategies that decided, deciding differently.</summary>
    private static bool Differ(StrategyVerdict[] verdicts)
    {
        GatingMode? seen = null;
        foreach (var v in verdicts)
        {
            if (v.Mode == GatingMode.Undetermined) continue;
            if (seen is { } mode && mode != v.Mode) return true;
            seen = v.Mode;
        }

        return false;
    }

    /// <summary>Time is added up over instances whose task reached RUNNING, so the strategies are compared on the same instances.</summary>
    private static StrategyTotals Totals(DetectionStrategy strategy, List<InstanceStrategyComparison> rows, TimeSpan watch)
    {
        int gated = 0, watched = 0, undetermined = 0, unsafeCount = 0;
        var counted = TimeSpan.Zero;
        var wait = TimeSpan.Zero;
        foreach (var row in rows)
        {
            var v = row.For(strategy);
            switch (v.Mode)
            {
                case GatingMode.HealthGated:
                    gated++;
                    break;
                case GatingMode.WatchSecs:
                    watched++;
                    if (row.StartToRunning is not null) wait += watch;
                    break;
                default:
                    undetermined++;
                    break;
            }

            if (v.Unsafe) unsafeCount++;
            if (v.TimeToCounted is { } t) counted += t;
        }

        return new StrategyTotals(strategy, gated, watched, undetermined, unsafeCount, counted, wait);
    }

    private static string Summary(DetectionStrategy used, int compared, List<StrategyTotals> totals, int disagreements, int watchSecs)
    {
        if (compared == 0) return "no instance has a task of its own in the update yet";
        var text = new StringBuilder($"{compared} instance(s) compared; the update uses {used.ShortName()}");
        text.Append(disagreements == 0 ? "; the strategies agree on every one" : $"; they differ on {disagreements}");
        foreach (var t in totals)
        {
            text.Append($". {t.Strategy.ShortName()}: {t.HealthGated} gated, {t.WatchSecs} on watch_secs={watchSecs}");
            if (t.Undetermined > 0) text.Append($", {t.Undetermined} undecided");
            if (t.WatchWait > TimeSpan.Zero) text.Append($" ({DurationText.Format(t.WatchWait)} of watch_secs)");
            if (t.Unsafe > 0) text.Append($", {t.Unsafe} trusted unsafely (vPrev or no health check)");
        }

        return text.ToString();
    }
}
