using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Emulator.Scenarios;
using Rollout.Emulator.Tests.Support;
using Xunit.Abstractions;

namespace Rollout.Emulator.Tests.Scenarios;

public class ScenarioTests(ITestOutputHelper output)
{
    private static (EngineHarness Harness, IReadOnlyList<UpdateKey> Keys) Load(string name, int seed = 1)
    {
        var h = new EngineHarness(seed);
        var keys = ScenarioRunner.Apply(h.Engine, ScenarioLoader.BuiltIn(name));
        h.Run(TimeSpan.FromSeconds(6));
        return (h, keys);
    }

    [Fact]
    public void BuiltInNames_HoldEveryDocumentedScenario()
    {
        Assert.Equal(
            ["coordinated-pulse", "failing-health-check", "healthy-rollout", "large-job", "late-crash", "mixed-executors", "no-health-check", "settings-bit-mismatch"],
            ScenarioLoader.BuiltInNames);
    }

    // The durations are the ones the README documents; seed 1 makes them exact.
    [Theory]
    [InlineData("healthy-rollout", UpdateStatus.RolledForward, 104)]
    [InlineData("mixed-executors", UpdateStatus.RolledForward, 170)]
    [InlineData("failing-health-check", UpdateStatus.RolledBack, 71)]
    [InlineData("no-health-check", UpdateStatus.RolledForward, 104)]
    [InlineData("settings-bit-mismatch", UpdateStatus.RolledForward, 79)]
    public void Scenario_RunsToItsDocumentedEnd(string name, UpdateStatus expected, int seconds)
    {
        var (h, keys) = Load(name);
        using var _ = h;

        var key = Assert.Single(keys);
        Assert.Equal(expected, h.RunToEnd(key));
        output.WriteLine($"{name}: {expected.WireName()} after {h.Duration(key).TotalSeconds:F0} s of scenario time");
        Assert.Equal(seconds, Math.Round(h.Duration(key).TotalSeconds));
    }

    [Fact]
    public void MixedExecutors_GatingFollowsEachInstancesExecutor()
    {
        var (h, keys) = Load("mixed-executors");
        using var _ = h;
        h.RunToEnd(keys[0]);
        var hosts = h.Engine.HostExecutors();
        var runningHosts = h.StatusUpdates().Select(e => e.Item).Where(u => u.State == TaskState.Running)
            .GroupBy(u => u.TaskId).ToDictionary(g => g.Key, g => g.First().Host);

        var decisions = h.UpdaterEvents<GatingDecisionMade>(keys[0]);

        Assert.Equal(20, decisions.Count);
        Assert.Contains(decisions, d => d.Mode == GatingMode.HealthGated);
        Assert.Contains(decisions, d => d.Mode == GatingMode.WatchSecs);
        Assert.All(decisions, d => Assert.Equal(
            hosts[runningHosts[d.TaskId]] == ExecutorVersion.VCurrent ? GatingMode.HealthGated : GatingMode.WatchSecs, d.Mode));
    }

    [Fact]
    public void NoHealthCheck_FallsBackToWatchSecsEverywhere()
    {
        var (h, keys) = Load("no-health-check");
        using var _ = h;
        h.RunToEnd(keys[0]);

        var decisions = h.UpdaterEvents<GatingDecisionMade>(keys[0]);

        Assert.All(decisions, d => Assert.Equal(GatingMode.WatchSecs, d.Mode));
        Assert.All(decisions, d => Assert.Contains("no health check", d.Reason, StringComparison.Ordinal));
        Assert.Contains(h.StatusUpdates(), e => e.Item.Message.StartsWith(ExecutorMessages.NoHealthCheckDefined, StringComparison.Ordinal));
    }

    [Fact]
    public void SettingsBitMismatch_GatesVPrevInstancesAndHazardsSaySo()
    {
        var (h, keys) = Load("settings-bit-mismatch");
        using var _ = h;
        h.RunToEnd(keys[0]);
        var started = h.UpdaterEvents<UpdateStarted>(keys[0]).Single();
        var decisions = h.UpdaterEvents<GatingDecisionMade>(keys[0]);

        Assert.All(decisions, d => Assert.Equal(GatingMode.HealthGated, d.Mode));
        var hosts = h.Engine.HostExecutors();
        var onVPrev = decisions.Count(d => hosts[h.StatusUpdates().First(e => e.Item.TaskId == d.TaskId && e.Item.Host.Length > 0).Item.Host] == ExecutorVersion.VPrev);
        Assert.InRange(onVPrev, 1, decisions.Count - 1);
        var assessments = decisions.Select(d => Assess(h, started, d)).ToList();
        Assert.Equal(onVPrev, assessments.Count(a => a.Hazards.Any(z => z.Kind == HazardKind.SettingsBitWithPrevExecutor)));
        Assert.Equal(onVPrev, assessments.Count(a => a.Hazards.Any(z => z.Kind == HazardKind.UpdaterDisagreesWithEvidence)));
    }

    [Fact]
    public void LateCrash_WatchSecsCatchesIt_GatingWithZeroWatchDoesNot()
    {
        var (h, keys) = Load("late-crash");
        using var _ = h;
        var guarded = keys.Single(k => k.Job.Name == "guarded");
        var unguarded = keys.Single(k => k.Job.Name == "unguarded");

        Assert.Equal(UpdateStatus.RolledBack, h.RunToEnd(guarded));
        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(unguarded));

        // The unguarded rollout "succeeded" while its new tasks crash 20 s after RUNNING.
        var crashes = h.StatusUpdates().Select(e => e.Item).Count(u => u.Job == unguarded.Job && u.State == TaskState.Failed);
        Assert.True(crashes >= 8, $"expected every unguarded instance to crash, saw {crashes}");

        var started = h.UpdaterEvents<UpdateStarted>(unguarded).Single();
        var assessments = h.UpdaterEvents<GatingDecisionMade>(unguarded).Select(d => Assess(h, started, d)).ToList();
        Assert.All(assessments, a => Assert.Contains(a.Hazards, z => z.Kind == HazardKind.WatchSecsZeroWithoutGating));
        Assert.All(assessments, a => Assert.Contains(a.Hazards, z => z.Kind == HazardKind.SettingsBitWithPrevExecutor));
    }

    [Fact]
    public void CoordinatedPulse_BlocksOncePulsesStop()
    {
        var (h, keys) = Load("coordinated-pulse");
        using var _ = h;

        h.Run(TimeSpan.FromMinutes(10));

        var statuses = h.Statuses(keys[0]);
        Assert.Equal(UpdateStatus.RollForwardAwaitingPulse, statuses[0]);
        Assert.Equal(UpdateStatus.RollingForward, statuses[1]);
        Assert.Equal(UpdateStatus.RollForwardAwaitingPulse, statuses[^1]);
        Assert.Equal(UpdateStatus.RollForwardAwaitingPulse, h.Engine.StatusOf(keys[0]));
    }

    [Fact]
    public void LargeJob_TenThousandInstances_RollsForward()
    {
        var (h, keys) = Load("large-job");
        using var _ = h;

        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(keys[0], TimeSpan.FromHours(3)));

        var summary = h.Engine.ListUpdates().Single();
        Assert.Equal((10_000, 10_000, 0), (summary.InstanceCount, summary.UpdatedCount, summary.FailedCount));
        var modes = h.UpdaterEvents<GatingDecisionMade>(keys[0]).GroupBy(d => d.Mode).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(392, Math.Round(h.Duration(keys[0]).TotalSeconds));
        output.WriteLine($"large-job: {h.Duration(keys[0]).TotalSeconds:F0} s; gated {modes.GetValueOrDefault(GatingMode.HealthGated)}, watch {modes.GetValueOrDefault(GatingMode.WatchSecs)}; {h.StatusUpdates().Count} status events");
        Assert.True(modes[GatingMode.WatchSecs] > 0 && modes[GatingMode.HealthGated] > modes[GatingMode.WatchSecs],
            "executors were rolled out mid-update: early batches mixed, later ones all vCurrent");
    }

    [Fact]
    public void Repeat_RollsEachJobAgainToANewVersion_OnlyWhenIdle()
    {
        using var h = new EngineHarness();
        ScenarioRunner.Apply(h.Engine, ScenarioLoader.BuiltIn("healthy-rollout"), repeatEverySecs: 60);

        h.Run(TimeSpan.FromMinutes(12));

        var updates = h.Engine.ListUpdates().OrderBy(u => u.Created).ToList();
        Assert.True(updates.Count >= 4, $"only {updates.Count} rounds");
        Assert.Equal(["web-1", "web-2", "web-3"], updates.Take(3).Select(u => u.Key.Id));
        Assert.All(updates.Zip(updates.Skip(1)), pair => Assert.True(pair.Second.Created >= pair.First.LastModified, "never two at once"));
        var second = h.UpdaterEvents<UpdateStarted>(updates[1].Key).Single();
        Assert.Equal("v2.2", second.DesiredConfig!.Version);
        Assert.All(updates.SkipLast(1), u => Assert.Equal(UpdateStatus.RolledForward, u.Status));
    }

    [Fact]
    public void Repeat_SkipsIdsTheScenarioAlreadyUsed()
    {
        using var h = new EngineHarness();
        var scenario = ScenarioLoader.BuiltIn("no-health-check");
        scenario = scenario with
        {
            Jobs = [scenario.Jobs[0] with { Updates = [scenario.Jobs[0].Updates[0] with { Id = "worker-2" }] }],
        };
        ScenarioRunner.Apply(h.Engine, scenario, repeatEverySecs: 120);

        h.Run(TimeSpan.FromMinutes(10));

        var ids = h.Engine.ListUpdates().OrderBy(u => u.Created).Select(u => u.Key.Id).ToList();
        Assert.Equal(["worker-2", "worker-3", "worker-4"], ids.Take(3));
        Assert.Equal(0, h.Engine.Faults);
    }

    [Fact]
    public void SameSeed_SameEventLog_OtherSeed_Differs()
    {
        static string Log(int seed)
        {
            var (h, keys) = Load("mixed-executors", seed);
            using var _ = h;
            h.RunToEnd(keys[0]);
            var status = h.StatusUpdates().Select(e => $"{e.Position.Sequence}|{e.Item}");
            var updater = h.UpdaterEvents().Select(e => $"{e.Position.Sequence}|{e.Item}");
            return string.Join('\n', status.Concat(updater));
        }

        var first = Log(7);

        Assert.Equal(first, Log(7));
        Assert.NotEqual(first, Log(8));
    }

    private static GatingAssessment Assess(EngineHarness h, UpdateStarted started, GatingDecisionMade decision)
    {
        var history = h.StatusUpdates().Select(e => e.Item).Where(u => u.TaskId == decision.TaskId && u.Timestamp <= decision.Timestamp).ToList();
        var input = new InferenceInput(history, started.Settings, started.DesiredConfig?.HealthCheck);
        var facts = new InstanceFacts(TaskState.Running, history[^1].Timestamp, null, ExecutorInference.Observe(input),
            new UpdaterGatingDecision(decision.Mode, decision.Reason, decision.Timestamp, decision.WatchDeadline));
        return GatingEvaluator.Evaluate(facts, ExecutorInference.For(started.DetectionStrategy).Infer(input), started.Settings,
            started.DesiredConfig?.HealthCheck, decision.Timestamp);
    }
}
