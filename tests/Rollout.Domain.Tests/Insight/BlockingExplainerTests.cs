using Rollout.Domain.Gating;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using static Rollout.Domain.Tests.Insight.LogScript;

namespace Rollout.Domain.Tests.Insight;

public class BlockingExplainerTests
{
    private static readonly UpdateSettings Batch2 = new() { Strategy = UpdateStrategyKind.Batch, GroupSize = 2, WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 1 };

    private static BlockingReason Reason(LogScript s, double asOf, BlockingKind kind)
    {
        var blockers = s.Build(asOf).Blockers;
        return blockers.Find(kind) ?? throw new Xunit.Sdk.XunitException($"no {kind} in: {string.Join(" | ", blockers.Reasons.Select(r => r.Text))}");
    }

    [Fact]
    public void Explain_PausedByOperator_NamesWhoAndWhy()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Gated(0, 0);
        s.Gated(0, 1);
        s.Status(20, UpdateStatus.RollForwardPaused, "bob", "deploy freeze");

        var blockers = s.Build(25).Blockers;

        Assert.Equal(BlockingKind.Paused, blockers.Reasons[0].Kind);
        Assert.Equal("paused by bob at 12:00:20: “deploy freeze”", blockers.Reasons[0].Text);
        Assert.Equal("paused by bob", blockers.Headline);
    }

    [Fact]
    public void Explain_AutoPaused_SaysItWasAfterABatch()
    {
        var s = new LogScript().Start(Batch2 with { AutoPauseAfterBatch = true }, 4);
        s.Gated(0, 0);
        s.Gated(0, 1);
        s.Status(11, UpdateStatus.RollForwardPaused, message: "Update auto paused");

        var reason = Reason(s, 20, BlockingKind.AutoPaused);

        Assert.StartsWith("auto-paused after a batch at 12:00:11", reason.Text, StringComparison.Ordinal);
        Assert.Null(s.Build(20).Blockers.Find(BlockingKind.Paused));
    }

    [Fact]
    public void Explain_AwaitingPulse_GivesTheLastPulsesDeadline()
    {
        var s = new LogScript().Start(Batch2 with { PulseIntervalSecs = 30 }, 4, first: UpdateStatus.RollForwardAwaitingPulse);
        s.Pulse(1).Status(1, UpdateStatus.RollingForward);
        s.Gated(1, 0);
        s.Gated(1, 1);
        s.Status(31, UpdateStatus.RollForwardAwaitingPulse, message: "Pulses from external service have timed out.");

        var reason = Reason(s, 40, BlockingKind.AwaitingPulse);

        Assert.Equal(At(31), reason.Deadline);
        Assert.Equal("awaiting a pulse from the coordinator: the last one, at 12:00:01, expired at 12:00:31 (pulse interval 30 s); Pulses from external service have timed out.", reason.Text);
    }

    [Fact]
    public void Explain_AwaitingFirstPulse_SaysNoneReceived()
    {
        var s = new LogScript().Start(Batch2 with { PulseIntervalSecs = 30 }, 4, first: UpdateStatus.RollForwardAwaitingPulse);

        var reason = Reason(s, 5, BlockingKind.AwaitingPulse);

        Assert.Null(reason.Deadline);
        Assert.Contains("none received yet", reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_InHealthChecks_GivesAttemptsLeftAndWhenTheyRunOut()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Check(6, 0, false, 0).Check(11, 0, false, 0);

        var reason = Reason(s, 12, BlockingKind.HealthChecks);

        // Budget: grace 2 + max failures 1 + min successes 2, plus one = 6; two used. The sixth check is due at 31 s
        // and the tick after it, at 36 s, fails the task.
        Assert.Equal("instance 0 in health checks: 0/2 passes, 4 of 6 attempts left; its checks run out by 12:00:36 (24 s) unless they pass", reason.Text);
        Assert.Equal(At(36), reason.Deadline);
        Assert.Equal([0], reason.Instances);
    }

    [Fact]
    public void Explain_LastTolerableFailureUsed_SaysTheNextFailedCheckFailsIt()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Check(6, 0, false, 0).Check(11, 0, false, 0).Check(16, 0, false, 0);

        var reason = Reason(s, 17, BlockingKind.HealthChecks);

        Assert.Equal("instance 0 in health checks: 0/2 passes, 3 of 6 attempts left; its next failed check fails it (max_consecutive_failures=1); its checks run out by 12:00:36 (19 s) unless they pass", reason.Text);
    }

    [Fact]
    public void Explain_ManyInHealthChecks_NamesTheOneWithFewestAttemptsFirst()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Check(6, 0, false, 0).Check(11, 0, false, 0);
        s.Begin(0, 1).Task(4, 1, TaskState.Starting).Check(6, 1, false, 0);

        var reason = Reason(s, 12, BlockingKind.HealthChecks);

        Assert.Equal([0, 1], reason.Instances);
        Assert.StartsWith("2 instances in health checks; fewest attempts left: 4 of 6 (instance 0)", reason.Text, StringComparison.Ordinal);
        Assert.Equal("2 in health checks", reason.Brief);
    }

    [Fact]
    public void Explain_Starting_SaysNoCheckReportedYet()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting);

        var reason = Reason(s, 5, BlockingKind.Starting);

        Assert.Equal("1 new task(s) STARTING, no health check reported yet (a health-gating executor allows 6 attempts once checks begin)", reason.Text);
    }

    [Fact]
    public void Explain_WatchCountdown_GivesTheEarliestDeadline()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Watched(0, 1, finish: false);
        s.Watched(2, 0, finish: false);

        var reason = Reason(s, 10, BlockingKind.WatchCountdown);

        Assert.Equal(At(36), reason.Deadline);
        Assert.Equal([1, 0], reason.Instances);
        Assert.Equal("2 instance(s) RUNNING, counting down watch_secs=30: the next is done at 12:00:36 (26 s), the last at 12:00:38", reason.Text);
        Assert.Equal("2 in watch_secs (next 26 s)", reason.Brief);
    }

    [Fact]
    public void Explain_RunningWhilePaused_AwaitsTheUpdatersNextEvaluation()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Watched(0, 0, finish: false);
        s.Begin(0, 1).Task(4, 1, TaskState.Starting).Task(11, 1, TaskState.Running, HealthyMessage).Decide(11, 1, GatingMode.HealthGated);
        s.Status(10, UpdateStatus.RollForwardPaused, "bob", "hold");

        var reason = Reason(s, 40, BlockingKind.AwaitingEvaluation);

        Assert.Equal(2, reason.InstanceCount);
        Assert.EndsWith("counted as soon as the update rolls again", reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_NewTaskPending_SaysSo()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0);

        Assert.Equal("1 new task(s) pending placement", Reason(s, 2.5, BlockingKind.TasksPending).Text);
    }

    [Fact]
    public void Explain_OldTaskBeingKilled_SaysSo()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Begin(0, 1);

        var reason = Reason(s, 1, BlockingKind.TasksKilling);

        Assert.Equal("2 old task(s) being killed", reason.Text);
        Assert.Equal([0, 1], reason.Instances);
    }

    [Fact]
    public void Explain_NewTaskDied_IsBeingRescheduled()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Task(9, 0, TaskState.Failed, "Failed health check! HTTP 503 from /health");

        Assert.Equal("1 new task(s) died and are being rescheduled", Reason(s, 10, BlockingKind.TasksRestarting).Text);
    }

    [Fact]
    public void Explain_TaskFailures_CountAgainstMaxPerInstanceFailures()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Task(9, 0, TaskState.Failed, "Failed health check! HTTP 503 from /health")
            .Task(15, 0, TaskState.Pending, fresh: true);

        var reason = Reason(s, 16, BlockingKind.InstanceRetries);

        Assert.Equal("instance 0's new task failed 1× (max_per_instance_failures=1): one more failure fails the instance", reason.Text);
    }

    [Fact]
    public void Explain_TaskFailuresBeforeAResume_DoNotCount()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Task(9, 0, TaskState.Failed, "Failed health check! HTTP 503 from /health");
        s.Status(10, UpdateStatus.RollForwardPaused, "bob", "look").Status(12, UpdateStatus.RollingForward, "bob", "go");

        Assert.False(s.Build(13).Blockers.Has(BlockingKind.InstanceRetries));
    }

    [Fact]
    public void Explain_FailedInstance_SaysHowManyMoreTheBudgetTakes()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Begin(0, 0).Begin(0, 1).Task(9, 0, TaskState.Failed, "boom").Action(20, 0, InstanceAction.InstanceUpdateFailed);

        var reason = Reason(s, 21, BlockingKind.FailureBudget);

        Assert.Equal("1 instance(s) failed since it last started rolling (max_failed_instances=1): one more failed instance rolls the update back", reason.Text);
        Assert.Equal([0], reason.Instances);
        Assert.Equal("1/1 failures", reason.Brief);
    }

    [Fact]
    public void Explain_CoordinatedAndRolling_SaysWhenThePulseIsDue()
    {
        var s = new LogScript().Start(Batch2 with { PulseIntervalSecs = 30 }, 4, first: UpdateStatus.RollForwardAwaitingPulse);
        s.Pulse(1).Status(1, UpdateStatus.RollingForward);
        s.Begin(1, 0);

        var reason = Reason(s, 11, BlockingKind.PulseDue);

        Assert.Equal(At(31), reason.Deadline);
        Assert.Equal("coordinated: needs a pulse by 12:00:31 (20 s) or it blocks at its next evaluation", reason.Text);
    }

    [Fact]
    public void Explain_RollingWithNothingInFlight_NothingBlocks()
    {
        var s = new LogScript().Start(Batch2, 4);
        s.Gated(0, 0);
        s.Gated(0, 1);

        var blockers = s.Build(11).Blockers;

        Assert.Equal(BlockingKind.NothingBlocks, Assert.Single(blockers.Reasons).Kind);
        Assert.Equal("nothing blocks: starting the next batch", blockers.Reasons[0].Text);
        Assert.Equal("starting next batch", blockers.Headline);
    }

    [Fact]
    public void Explain_Terminal_SaysFinished()
    {
        var s = new LogScript().Start(Batch2, 1);
        s.Gated(0, 0);
        s.Status(11, UpdateStatus.RolledForward);

        var blockers = s.Build(12).Blockers;

        Assert.Equal(BlockingKind.Finished, Assert.Single(blockers.Reasons).Kind);
        Assert.Equal("finished: ROLLED_FORWARD at 12:00:11", blockers.Reasons[0].Text);
    }

    [Fact]
    public void Explain_EmptyLog_SaysNotStarted()
    {
        var blockers = UpdateInsight.Build(new UpdateLog(Key), At(0)).Blockers;

        Assert.Equal(BlockingKind.NotStarted, Assert.Single(blockers.Reasons).Kind);
    }

    [Fact]
    public void Explain_ManyInstances_ListsTheFirstFewAndCountsAll()
    {
        var s = new LogScript().Start(Batch2 with { GroupSize = 15 }, 15);
        for (var i = 0; i < 15; i++) s.Begin(0, i);

        var reason = Reason(s, 2.5, BlockingKind.TasksPending);

        Assert.Equal(Enumerable.Range(0, 10), reason.Instances);
        Assert.Equal(15, reason.InstanceCount);
    }

    [Fact]
    public void Explain_SeveralReasons_HeadlineJoinsTheFirstThree()
    {
        var s = new LogScript().Start(Batch2 with { GroupSize = 4 }, 4);
        s.Begin(0, 0).Task(4, 0, TaskState.Starting).Check(6, 0, false, 0);
        s.Watched(0, 1, finish: false);
        s.Begin(0, 2);
        s.Begin(6.5, 3);
        s.Status(7, UpdateStatus.RollForwardPaused, "bob", "hold");

        var blockers = s.Build(8).Blockers;

        Assert.Equal(
            [BlockingKind.Paused, BlockingKind.HealthChecks, BlockingKind.WatchCountdown, BlockingKind.TasksPending, BlockingKind.TasksKilling],
            blockers.Reasons.Select(r => r.Kind));
        Assert.Equal("paused by bob · 1 in health checks · 1 in watch_secs (next 28 s) · +2 more", blockers.Headline);
    }
}
