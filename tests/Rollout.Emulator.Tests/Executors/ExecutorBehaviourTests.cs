using Rollout.Domain.Capabilities;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Executors;
using Rollout.Emulator.Tests.Support;

namespace Rollout.Emulator.Tests.Executors;

/// <summary>What each executor generation sends, seen in the status stream.</summary>
public class ExecutorBehaviourTests
{
    private static readonly UpdateSettings OneAtATime = new() { Strategy = UpdateStrategyKind.Batch, GroupSize = 1, WatchSecs = 30, MaxPerInstanceFailures = 3 };

    private static List<TaskStatusUpdate> NewTaskHistory(EngineHarness h) =>
        h.StatusUpdates().Select(e => e.Item).Where(u => u.Timestamp > EngineHarness.Start).GroupBy(u => u.TaskId)
            .First(g => g.Any(u => u.State == TaskState.Pending)).ToList();

    [Fact]
    public void VCurrent_HoldsStartingWithProgress_ThenRunningWithCapabilities()
    {
        using var h = new EngineHarness();
        h.RunToEnd(h.Update(h.Job("web", 1), OneAtATime));

        var history = NewTaskHistory(h);

        Assert.Equal([TaskState.Pending, TaskState.Assigned, TaskState.Starting], history.Take(3).Select(u => u.State));
        var progress = history.Where(u => u.State == TaskState.Starting && u.HealthCheck is not null).ToList();
        Assert.NotEmpty(progress);
        Assert.Equal(progress.Select(p => p.HealthCheck!.AttemptsUsed), Enumerable.Range(1, progress.Count));
        var budget = new HealthChecker(EngineHarness.Hc, gatesRunning: true).CheckBudget;
        Assert.All(progress, p => Assert.Equal(budget, p.HealthCheck!.AttemptsAllowed));
        var running = history.Single(u => u.State == TaskState.Running);
        Assert.StartsWith(ExecutorMessages.TaskIsHealthy, running.Message, StringComparison.Ordinal);
        Assert.True(CapabilityParser.Parse(running.Message).Has(ExecutorCapability.HealthGatedRunning));
        Assert.Equal(EngineHarness.Hc.MinConsecutiveSuccesses, running.HealthCheck!.ConsecutiveSuccesses);
    }

    // aurora_executor.py: the new executor sends TASK_STARTING with no message and starts its health
    // checker with the process; health_checker.py checks at once, so an application healthy from the
    // start is RUNNING at process start (min_consecutive_successes = 1), not one interval later.
    [Fact]
    public void VCurrent_HealthyAtOnce_RunningAtProcessStartAndStartingHasNoMessage()
    {
        using var h = new EngineHarness();
        var instant = new AppProfile { HealthyAfterSecs = new SecondsRange(0, 0) };
        var hc = new HealthCheckConfig(InitialIntervalSecs: 15, IntervalSecs: 10, MaxConsecutiveFailures: 0, MinConsecutiveSuccesses: 1);
        h.RunToEnd(h.Update(h.Job("web", 1), OneAtATime, EngineHarness.Spec("v2", instant, hc)));

        var history = NewTaskHistory(h);

        var starting = history.First(u => u.State == TaskState.Starting);
        var running = history.Single(u => u.State == TaskState.Running);
        Assert.Equal(string.Empty, starting.Message);
        Assert.Equal(TimeSpan.FromSeconds(instant.ProcessStartSecs), running.Timestamp - starting.Timestamp);
    }

    // health_checker.py / http_signaler.py: a check slower than timeout_secs is a failed check.
    [Fact]
    public void VCurrent_ChecksSlowerThanTimeout_FailWithTheTimeoutReason()
    {
        using var h = new EngineHarness();
        var slow = new AppProfile { HealthyAfterSecs = new SecondsRange(0, 0), CheckLatencySecs = new SecondsRange(3, 3) };
        var hc = new HealthCheckConfig(InitialIntervalSecs: 5, IntervalSecs: 5, MaxConsecutiveFailures: 0, MinConsecutiveSuccesses: 1, TimeoutSecs: 2);
        h.RunToEnd(h.Update(h.Job("web", 1), OneAtATime, EngineHarness.Spec("v2", slow, hc)));

        var failed = NewTaskHistory(h)[^1];

        Assert.Equal(TaskState.Failed, failed.State);
        Assert.Equal(ExecutorMessages.FailedHealthCheck(HealthChecker.HttpTimeoutReason(HealthChecker.DefaultHealthEndpoint)), failed.Message);
    }

    [Fact]
    public void VPrev_ReportsRunningAtProcessStart_WithoutMessage()
    {
        using var h = new EngineHarness();
        h.RunToEnd(h.Update(h.Job("web", 1, vCurrentFraction: 0), OneAtATime));

        var history = NewTaskHistory(h);

        Assert.Equal([TaskState.Pending, TaskState.Assigned, TaskState.Starting, TaskState.Running], history.Select(u => u.State));
        Assert.Equal("Initializing sandbox.", history[2].Message);
        Assert.Equal(string.Empty, history[^1].Message);
        Assert.Null(history[^1].HealthCheck);
        Assert.Equal(TimeSpan.FromSeconds(new AppProfile().ProcessStartSecs), history[3].Timestamp - history[2].Timestamp);
    }

    [Fact]
    public void NeverHealthy_VCurrentFailsWithTheFailingChecksReason()
    {
        using var h = new EngineHarness();
        h.RunToEnd(h.Update(h.Job("web", 1), OneAtATime, EngineHarness.Spec("v2", new AppProfile { NeverHealthy = true })));

        var failed = NewTaskHistory(h)[^1];

        // As in Aurora, checks that always fail exceed max_consecutive_failures before the attempt budget runs out,
        // so the FAILED message carries the check's own reason, not "Not enough successful health checks in time.".
        Assert.Equal(TaskState.Failed, failed.State);
        Assert.Equal("Failed health check! HTTP 503 from /health", failed.Message);
    }

    [Fact]
    public void Flapping_FailsAfterRunningWithTheCheckReason()
    {
        using var h = new EngineHarness();
        var hc = new HealthCheckConfig(InitialIntervalSecs: 5, IntervalSecs: 5, MaxConsecutiveFailures: 0, MinConsecutiveSuccesses: 1);
        var flapping = EngineHarness.Spec("v2", new AppProfile { HealthyAfterSecs = new SecondsRange(1, 1), FlapFailureRate = 0.5 }, hc);
        var key = h.Update(h.Job("web", 1), OneAtATime with { WatchSecs = 600 }, flapping);

        h.Run(TimeSpan.FromMinutes(5));

        // After RUNNING (and past the one forgiven attempt) one failed check kills the task.
        var tasks = h.StatusUpdates().Select(e => e.Item).Where(u => u.Timestamp > EngineHarness.Start).GroupBy(u => u.TaskId).ToList();
        var diedRunning = tasks.Where(t => t.Any(u => u.State == TaskState.Running) && t.Last().State == TaskState.Failed).ToList();
        Assert.NotEmpty(diedRunning);
        Assert.All(diedRunning, t => Assert.Equal("Failed health check! HTTP 500 from /health", t.Last().Message));
        Assert.Contains(h.Actions(key), a => a.Action == InstanceAction.InstanceUpdateFailed || a.Action == InstanceAction.InstanceUpdated);
    }

    [Fact]
    public void SlowKill_ReplacementWaitsForKilled()
    {
        using var h = new EngineHarness();
        h.Engine.AddHostPool("slow", 2, 1.0);
        var job = new JobKey("www-data", "prod", "slow");
        h.Engine.CreateJob(job, 1, EngineHarness.Spec("v1", new AppProfile { KillSecs = 30 }), "slow");
        h.Engine.StartUpdate(new Rollout.Emulator.Engine.UpdateRequest(job, "alice", EngineHarness.Spec("v2"), 1, OneAtATime, DetectionStrategy.Capabilities));

        h.Run(TimeSpan.FromMinutes(2));

        var updates = h.StatusUpdates().Select(e => e.Item).ToList();
        var killing = updates.Single(u => u.State == TaskState.Killing);
        var killed = updates.Single(u => u.State == TaskState.Killed);
        var pending = updates.Single(u => u.State == TaskState.Pending);
        Assert.Equal(TimeSpan.FromSeconds(30), killed.Timestamp - killing.Timestamp);
        Assert.Equal(killed.Timestamp, pending.Timestamp);
        // InstanceActionHandler.java: the kill names the update.
        Assert.Equal("Killed for job update update-1", killing.Message);
    }
}
