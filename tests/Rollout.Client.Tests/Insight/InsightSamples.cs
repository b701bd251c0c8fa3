using Rollout.Client.Tests.Support;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Insight;

/// <summary>Insight records by hand, for the components' edge cases; <see cref="InsightLogs"/> builds real ones.</summary>
internal static class InsightSamples
{
    /// <summary>The tests' fake clock at its start: deadlines count down from here.</summary>
    public static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static BlockingReason Reason(BlockingKind kind, string text, string brief, int[]? instances = null, int? count = null, DateTimeOffset? deadline = null) =>
        new(kind, text, brief, instances ?? [], count ?? instances?.Length ?? 0, deadline);

    public static BlockedExplanation Blockers(params BlockingReason[] reasons) =>
        new(UpdateStatus.RollingForward, reasons, string.Join(" · ", reasons.Select(r => r.Brief)));

    public static UpdateEta Estimate(bool backward = false, bool suspended = false) =>
        new(EtaKind.Estimate, TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(20),
            suspended ? null : Now.AddMinutes(12), backward, suspended, 3, 5, 10,
            "3 batches took 2–4 min each; 5 batches (10 instances) left: 8–20 min, most likely 12 min.");

    public static GatingInsight Gating() => new(
        new GatingShare(HealthGated: 6, WatchSecs: 3, Undetermined: 1),
        WatchTime: TimeSpan.FromSeconds(80), CheckTime: TimeSpan.FromSeconds(75), GatedTasks: 6, WatchTasks: 3,
        BaselineStart: TimeSpan.FromSeconds(2), Saved: TimeSpan.FromSeconds(120), TypicalExtraCheck: TimeSpan.FromSeconds(5),
        WouldHaveSaved: TimeSpan.FromSeconds(75), Explanation: "6 gated tasks skipped 30 s of watch_secs each.");

    public static StrategyVerdict Verdict(DetectionStrategy strategy, GatingMode mode, string evidence, double? seconds = null, bool unsafeVerdict = false) =>
        new(strategy, mode, mode == GatingMode.HealthGated ? ExecutorVersion.VCurrent : ExecutorVersion.VPrev, evidence, Now, TimeSpan.Zero,
            seconds is { } s ? TimeSpan.FromSeconds(s) : null, unsafeVerdict);

    public static InstanceStrategyComparison Agreeing(int id) => new(id, $"web-{id}-1",
        Verdict(DetectionStrategy.MessagePresence, GatingMode.HealthGated, "RUNNING says Task is healthy", 11),
        Verdict(DetectionStrategy.Capabilities, GatingMode.HealthGated, "advertises HEALTH_GATED_RUNNING", 11),
        Verdict(DetectionStrategy.SettingsBit, GatingMode.HealthGated, "executorDrivenUpdates bit set", 11),
        GatingMode.HealthGated, GatingMode.HealthGated, TimeSpan.FromSeconds(11), Differ: false);

    public static InstanceStrategyComparison Differing(int id) => new(id, $"web-{id}-1",
        Verdict(DetectionStrategy.MessagePresence, GatingMode.WatchSecs, "RUNNING without a health message", 36),
        Verdict(DetectionStrategy.Capabilities, GatingMode.WatchSecs, "RUNNING without any capabilities", 36),
        Verdict(DetectionStrategy.SettingsBit, GatingMode.HealthGated, "executorDrivenUpdates bit set", 6, unsafeVerdict: true),
        GatingMode.WatchSecs, GatingMode.WatchSecs, TimeSpan.FromSeconds(6), Differ: true);

    public static StrategyComparison Strategies(params InstanceStrategyComparison[] instances) => new(
        DetectionStrategy.Capabilities, instances,
        [
            new StrategyTotals(DetectionStrategy.MessagePresence, 2, 1, 0, 0, TimeSpan.FromSeconds(58), TimeSpan.FromSeconds(30)),
            new StrategyTotals(DetectionStrategy.Capabilities, 2, 1, 0, 0, TimeSpan.FromSeconds(58), TimeSpan.FromSeconds(30)),
            new StrategyTotals(DetectionStrategy.SettingsBit, 3, 0, 0, 1, TimeSpan.FromSeconds(28), TimeSpan.Zero),
        ],
        instances.Count(i => i.Differ), "S3 would trust RUNNING on 1 instance whose executor does not gate.");

    public static InsightView View(BlockedExplanation? blockers = null, UpdateEta? eta = null, StrategyComparison? strategies = null, int omitted = 0) => new(
        Views.Key, Now, UpdateStatus.RollingForward,
        blockers ?? Blockers(Reason(BlockingKind.WatchCountdown, "2 instances waiting out watch_secs", "watch_secs", [1, 2], deadline: Now.AddSeconds(30))),
        eta ?? Estimate(), Gating(), strategies ?? Strategies(Agreeing(0), Differing(1)), omitted, TimelineOverview.Empty);
}
