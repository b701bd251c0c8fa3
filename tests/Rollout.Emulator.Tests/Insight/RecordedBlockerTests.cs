using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;

namespace Rollout.Emulator.Tests.Insight;

/// <summary>What the explainer says at known points of real engine runs.</summary>
public class RecordedBlockerTests
{
    private static BlockingReason Reason(BlockedExplanation blockers, BlockingKind kind) =>
        blockers.Find(kind) ?? throw new Xunit.Sdk.XunitException($"no {kind} in: {string.Join(" | ", blockers.Reasons.Select(r => r.Text))}");

    [Fact]
    public void FailingHealthCheck_InChecks_AttemptsLeftAsTheExecutorReports()
    {
        using var run = RecordedRun.Scenario("failing-health-check");
        run.RunTo(22);
        var latest = run.Harness.StatusUpdates().Select(e => e.Item).Last(u => u.Job == run.Key.Job && u.InstanceId == 0);

        var reason = Reason(run.Insight().Blockers, BlockingKind.HealthChecks);

        // Started at 11 s, a check every 5 s: the third (21 s) used the one failure max_consecutive_failures allows.
        Assert.Equal(3, reason.InstanceCount);
        Assert.Equal([0, 1, 2], reason.Instances.Order());
        Assert.Equal(3, latest.HealthCheck!.AttemptsLeft);
        Assert.StartsWith($"3 instances in health checks; fewest attempts left: {latest.HealthCheck.AttemptsLeft} of {latest.HealthCheck.AttemptsAllowed}", reason.Text, StringComparison.Ordinal);
        Assert.Contains("3 fail on their next failed check (max_consecutive_failures=1)", reason.Text, StringComparison.Ordinal);
        Assert.Equal(latest.Timestamp.AddSeconds((3 + 1) * 5), reason.Deadline);
    }

    [Fact]
    public void FailingHealthCheck_AfterTheFirstTasksFailed_CountsRetriesAndTheBudget()
    {
        using var run = RecordedRun.Scenario("failing-health-check");
        run.RunTo(27);

        var blockers = run.Insight().Blockers;

        var retries = Reason(blockers, BlockingKind.InstanceRetries);
        Assert.Equal(3, retries.InstanceCount);
        Assert.EndsWith("1× (max_per_instance_failures=1): one more failure fails the instance", retries.Text, StringComparison.Ordinal);
        Assert.Equal("0 instance(s) failed since it last started rolling (max_failed_instances=1): 1 more tolerated, the one after rolls the update back",
            Reason(blockers, BlockingKind.FailureBudget).Text);
        Assert.Equal(3, Reason(blockers, BlockingKind.TasksPending).InstanceCount);
    }

    [Fact]
    public void CoordinatedPulse_WhileRolling_SaysWhenTheNextPulseIsDue()
    {
        using var run = RecordedRun.Scenario("coordinated-pulse");
        run.RunTo(30);
        var pulse = run.Harness.UpdaterEvents<PulseReceived>(run.Key)[^1];

        var reason = Reason(run.Insight().Blockers, BlockingKind.PulseDue);

        Assert.Equal(pulse.Deadline, reason.Deadline);
    }

    [Fact]
    public void CoordinatedPulse_AfterPulsesStop_AwaitsAPulseSinceTheLastOneExpired()
    {
        using var run = RecordedRun.Scenario("coordinated-pulse");
        run.RunTo(200);
        var pulse = run.Harness.UpdaterEvents<PulseReceived>(run.Key)[^1];

        var blockers = run.Insight().Blockers;

        Assert.Equal(UpdateStatus.RollForwardAwaitingPulse, blockers.Status);
        var reason = blockers.Reasons[0];
        Assert.Equal(BlockingKind.AwaitingPulse, reason.Kind);
        Assert.Equal(pulse.Deadline, reason.Deadline);
        Assert.EndsWith("Pulses from external service have timed out.", reason.Text, StringComparison.Ordinal);
        Assert.StartsWith("awaiting a pulse", blockers.Headline, StringComparison.Ordinal);
        Assert.False(blockers.Has(BlockingKind.PulseDue));
    }

    [Fact]
    public void MixedExecutors_InWatch_TheEarliestDeadlineIsTheUpdatersOwn()
    {
        using var run = RecordedRun.Scenario("mixed-executors");
        run.RunTo(50);
        var updated = run.Harness.Actions(run.Key).Where(a => a.Action == InstanceAction.InstanceUpdated).Select(a => a.InstanceId).ToHashSet();
        var pending = run.Harness.UpdaterEvents<GatingDecisionMade>(run.Key)
            .Where(d => d.Mode == GatingMode.WatchSecs && !updated.Contains(d.InstanceId)).ToList();

        var reason = Reason(run.Insight().Blockers, BlockingKind.WatchCountdown);

        Assert.Equal(pending.Min(d => d.WatchDeadline), reason.Deadline);
        Assert.Equal(pending.Select(d => d.InstanceId).Order(), reason.Instances.Order());
    }

    [Fact]
    public void MixedExecutors_PausedByAnOperator_SaysWhoAndWhy()
    {
        using var run = RecordedRun.Scenario("mixed-executors");
        run.RunTo(50);
        run.Harness.Engine.Control(ControlCommand.Pause, run.Key, "ops", "latency alarm");
        run.RunTo(60);

        var blockers = run.Insight().Blockers;

        Assert.Equal("paused by ops at 09:00:50: “latency alarm”", blockers.Reasons[0].Text);
        Assert.StartsWith("paused by ops", blockers.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void HealthyRollout_Finished_SaysSo()
    {
        using var run = RecordedRun.Scenario("healthy-rollout");
        run.RunToEnd();

        var blockers = run.Insight().Blockers;

        Assert.Equal(BlockingKind.Finished, Assert.Single(blockers.Reasons).Kind);
        Assert.Equal("ROLLED_FORWARD", blockers.Headline);
    }
}
