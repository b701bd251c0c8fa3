using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Emulator.Tests.Insight;

/// <summary>Health gating against watch_secs on real engine runs, recomputed from the raw logs and the scenario's settings.</summary>
public class RecordedGatingTests
{
    /// <summary>STARTING to RUNNING of each task the updater decided on, from the raw status log.</summary>
    private static Dictionary<string, TimeSpan> StartToRunning(RecordedRun run, IEnumerable<GatingDecisionMade> decisions)
    {
        var statuses = run.Harness.StatusUpdates().Select(e => e.Item).Where(u => u.Job == run.Key.Job).ToList();
        return decisions.ToDictionary(d => d.TaskId, d =>
            statuses.First(u => u.TaskId == d.TaskId && u.State == TaskState.Running).Timestamp
            - statuses.First(u => u.TaskId == d.TaskId && u.State == TaskState.Starting).Timestamp);
    }

    [Fact]
    public void Gating_MixedExecutors_MatchesWatchSecsAndTheObservedChecks()
    {
        using var run = RecordedRun.Scenario("mixed-executors");
        run.RunToEnd();
        var decisions = run.Harness.UpdaterEvents<GatingDecisionMade>(run.Key);
        var gated = decisions.Where(d => d.Mode == GatingMode.HealthGated).ToList();
        var watched = decisions.Where(d => d.Mode == GatingMode.WatchSecs).ToList();
        var starts = StartToRunning(run, decisions);

        var g = run.Insight().Gating;

        var watch = TimeSpan.FromSeconds(30);
        Assert.Equal(new GatingShare(gated.Count, watched.Count, 0), g.Share);
        Assert.Equal(watch * watched.Count, g.WatchTime);
        // vPrev executors start the process in processStartSecs = 2 s and report RUNNING at once.
        Assert.Equal(TimeSpan.FromSeconds(2), g.BaselineStart);
        Assert.Equal(gated.Aggregate(TimeSpan.Zero, (sum, d) => sum + starts[d.TaskId]), g.CheckTime);
        var extras = gated.Select(d => starts[d.TaskId] - TimeSpan.FromSeconds(2)).Order().ToList();
        Assert.Equal(gated.Aggregate(TimeSpan.Zero, (sum, d) => sum + watch - (starts[d.TaskId] - TimeSpan.FromSeconds(2))), g.Saved);
        var median = extras.Count % 2 == 1 ? extras[extras.Count / 2] : (extras[(extras.Count / 2) - 1] + extras[extras.Count / 2]) / 2;
        Assert.Equal(median, g.TypicalExtraCheck);
        Assert.Equal((watch - median) * watched.Count, g.WouldHaveSaved);
    }

    [Fact]
    public void Gating_HealthyRollout_EveryInstanceSkipsWatchSecs()
    {
        using var run = RecordedRun.Scenario("healthy-rollout");
        run.RunToEnd();

        var g = run.Insight().Gating;

        Assert.Equal(new GatingShare(20, 0, 0), g.Share);
        Assert.Equal(TimeSpan.Zero, g.WatchTime);
        Assert.Null(g.BaselineStart);
        Assert.Equal((TimeSpan.FromSeconds(30) * 20) - g.CheckTime, g.Saved);
        Assert.True(g.Saved > TimeSpan.Zero);
    }

    [Fact]
    public void Gating_NoHealthCheck_NothingToGateAndNothingToCompareWith()
    {
        using var run = RecordedRun.Scenario("no-health-check");
        run.RunToEnd();

        var g = run.Insight().Gating;

        Assert.Equal(new GatingShare(0, 10, 0), g.Share);
        Assert.Equal(TimeSpan.FromSeconds(20) * 10, g.WatchTime);
        Assert.Null(g.WouldHaveSaved);
        Assert.Contains("no gated instance observed yet", g.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Gating_LargeJob_SharesAddUpToTheUpdatersDecisions()
    {
        using var run = RecordedRun.Scenario("large-job");
        run.RunToEnd();
        var modes = run.Harness.UpdaterEvents<GatingDecisionMade>(run.Key).GroupBy(d => d.InstanceId).Select(g => g.Last().Mode).ToList();

        var g = run.Insight().Gating;

        Assert.Equal(modes.Count(m => m == GatingMode.HealthGated), g.Share.HealthGated);
        Assert.Equal(modes.Count(m => m == GatingMode.WatchSecs), g.Share.WatchSecs);
        Assert.Equal(TimeSpan.FromSeconds(30) * g.Share.WatchSecs, g.WatchTime);
        Assert.Equal(10_000, g.Share.Total);
    }
}
