using Rollout.Domain.Gating;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using static Rollout.Domain.Tests.Insight.LogScript;

namespace Rollout.Domain.Tests.Insight;

public class GatingInsightTests
{
    private static readonly UpdateSettings Batch2 = new() { Strategy = UpdateStrategyKind.Batch, GroupSize = 2, WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 1 };

    [Fact]
    public void Compute_AllGated_SavedIsWatchSecsSkippedLessCheckTime()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Gated(0, 0);
        s.Gated(0, 1);

        var g = s.Build(20).Gating;

        // Each was STARTING 7 s (4 s to 11 s); with no watch_secs task to compare, all of it counts as extra.
        Assert.Equal(new GatingShare(2, 0, 0), g.Share);
        Assert.Equal(TimeSpan.FromSeconds(14), g.CheckTime);
        Assert.Equal(TimeSpan.Zero, g.WatchTime);
        Assert.Null(g.BaselineStart);
        Assert.Equal(TimeSpan.FromSeconds(7), g.TypicalExtraCheck);
        Assert.Equal(TimeSpan.FromSeconds(2 * (30 - 7)), g.Saved);
        Assert.Equal(TimeSpan.Zero, g.WouldHaveSaved);
        Assert.Contains("gating saved 46 s", g.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_Mixed_ExtraCheckIsBeyondTheWatchTasksStart()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Gated(0, 0);
        s.Watched(0, 1);

        var g = s.Build(40).Gating;

        // A watch_secs task starts in 2 s; the gated one took 7 s: 5 s extra, 25 s saved; gating the other would save as much.
        Assert.Equal(new GatingShare(1, 1, 0), g.Share);
        Assert.Equal(0.5, g.Share.GatedFraction);
        Assert.Equal(TimeSpan.FromSeconds(30), g.WatchTime);
        Assert.Equal(TimeSpan.FromSeconds(7), g.CheckTime);
        Assert.Equal(TimeSpan.FromSeconds(2), g.BaselineStart);
        Assert.Equal(TimeSpan.FromSeconds(25), g.Saved);
        Assert.Equal(TimeSpan.FromSeconds(25), g.WouldHaveSaved);
        Assert.Contains("gating the 1 watch_secs task(s) would have saved 25 s", g.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NoGatedInstance_CannotSayWhatGatingWouldSave()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Watched(0, 0);
        s.Watched(0, 1);

        var g = s.Build(40).Gating;

        Assert.Equal(TimeSpan.FromSeconds(60), g.WatchTime);
        Assert.Null(g.WouldHaveSaved);
        Assert.Null(g.TypicalExtraCheck);
        Assert.Equal(TimeSpan.Zero, g.Saved);
        Assert.Contains("no gated instance observed yet", g.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_WatchInProgress_CountsUpToAsOf()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Watched(0, 0, finish: false);

        var g = s.Build(20).Gating;

        Assert.Equal(TimeSpan.FromSeconds(14), g.WatchTime);
        Assert.Equal(new GatingShare(0, 1, 1), g.Share);
    }

    [Fact]
    public void Compute_RolledBackInstance_CountsEachGatedTask()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Gated(0, 0);
        s.Status(20, UpdateStatus.RollingBack, "bob", "bad metrics");
        s.Gated(20, 0, backward: true);

        var g = s.Build(40).Gating;

        Assert.Equal(2, g.GatedTasks);
        Assert.Equal(TimeSpan.FromSeconds(14), g.CheckTime);
    }

    [Fact]
    public void Compute_DecisionOnAnInstanceTheUpdateNeverTouched_IsNotCounted()
    {
        var s = new LogScript().Start(Batch2, 2);
        s.Gated(0, 0);
        s.Decide(12, 1, GatingMode.WatchSecs, 12); // a rollback's no-op evaluation of a task from before the update

        var g = s.Build(60).Gating;

        Assert.Equal(new GatingShare(1, 0, 1), g.Share);
        Assert.Equal(TimeSpan.Zero, g.WatchTime);
        Assert.Equal(0, g.WatchTasks);
    }

    [Fact]
    public void Sum_Shares_AddUpForAFleet()
    {
        var fleet = GatingShare.Sum([new GatingShare(3, 1, 0), new GatingShare(0, 4, 2)]);

        Assert.Equal(new GatingShare(3, 5, 2), fleet);
        Assert.Equal(10, fleet.Total);
        Assert.Equal(3.0 / 8, fleet.GatedFraction);
    }
}
