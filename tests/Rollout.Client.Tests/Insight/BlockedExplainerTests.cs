using AngleSharp.Dom;
using Bunit;
using Rollout.Client.Components.Insight;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Insight;
using static Rollout.Client.Tests.Insight.InsightSamples;

namespace Rollout.Client.Tests.Insight;

/// <summary>The explainer for each blocking reason: its words, icon colour, instances and deadline.</summary>
public class BlockedExplainerTests : ClientTest
{
    private IRenderedComponent<BlockedExplainer> Explain(BlockingReason reason, Action<int>? selected = null) =>
        Render<BlockedExplainer>(p => p.Add(c => c.Blockers, Blockers(reason)).Add(c => c.InstanceSelected, selected ?? (_ => { })));

    /// <summary>The one reason rendered: its text shown, its icon in <paramref name="colour"/>, labelled with the kind.</summary>
    private static IElement AssertReason(IRenderedComponent<BlockedExplainer> cut, BlockingReason reason, string colour, string label)
    {
        var item = cut.Find($"li.blocked-reason[data-kind={reason.Kind}]");
        Assert.Equal(reason.Text, item.QuerySelector(".blocked-reason-text")!.TextContent);
        var icon = item.QuerySelector(".blocked-reason-icon")!;
        if (colour == "default") Assert.DoesNotContain("-text", icon.ClassName, StringComparison.Ordinal); // no palette colour: the text's own
        else Assert.Contains($"mud-{colour}-text", icon.ClassName, StringComparison.Ordinal);
        Assert.Equal(label, icon.GetAttribute("aria-label"));
        Assert.Equal(reason.Brief, cut.Find("[data-testid=blockers-headline]").TextContent);
        return item;
    }

    private static string[] Chips(IElement item) => [.. item.QuerySelectorAll("[data-instance]").Select(c => c.GetAttribute("data-instance")!)];

    [Fact]
    public void Render_NotStarted_SaysSoWithoutInstances()
    {
        var reason = Reason(BlockingKind.NotStarted, "no UpdateStarted event in the log yet", "not started");
        var item = AssertReason(Explain(reason), reason, "default", "not started");
        Assert.Empty(Chips(item));
    }

    [Fact]
    public void Render_Finished_IsSuccess()
    {
        var reason = Reason(BlockingKind.Finished, "ROLLED_FORWARD at 12:04:10: nothing left to do", "rolled forward");
        AssertReason(Explain(reason), reason, "success", "finished");
    }

    [Fact]
    public void Render_Paused_IsAWarningNamingWhoAndWhy()
    {
        var reason = Reason(BlockingKind.Paused, "paused by bob at 12:00:20: “deploy freeze”", "paused by bob");
        AssertReason(Explain(reason), reason, "warning", "paused");
    }

    [Fact]
    public void Render_AutoPaused_IsAWarning()
    {
        var reason = Reason(BlockingKind.AutoPaused, "auto-paused after a batch at 12:00:11: resume to start the next", "auto-paused");
        AssertReason(Explain(reason), reason, "warning", "auto-paused");
    }

    [Fact]
    public void Render_AwaitingPulse_IsAWarningWithTheExpiredDeadline()
    {
        var reason = Reason(BlockingKind.AwaitingPulse, "awaiting a pulse from the coordinator", "awaiting pulse", deadline: Now.AddSeconds(-9));
        var item = AssertReason(Explain(reason), reason, "warning", "awaiting pulse");
        Assert.Contains("11:59:51", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("due now", item.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HealthChecks_IsInfoWithInstancesAndWhenAttemptsRunOut()
    {
        var reason = Reason(BlockingKind.HealthChecks, "2 instances in health checks: 1 of 3 attempts used", "health checks", [0, 1], deadline: Now.AddSeconds(20));
        var item = AssertReason(Explain(reason), reason, "info", "health checks");
        Assert.Equal(["0", "1"], Chips(item));
        Assert.Contains("in 20 s", item.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Starting_IsInfo()
    {
        var reason = Reason(BlockingKind.Starting, "1 instance STARTING, no health check reported yet", "starting", [3]);
        Assert.Equal(["3"], Chips(AssertReason(Explain(reason), reason, "info", "starting")));
    }

    [Fact]
    public void Render_WatchCountdown_IsInfoCountingDown()
    {
        var reason = Reason(BlockingKind.WatchCountdown, "1 instance waiting out watch_secs (30 s)", "watch_secs", [1], deadline: Now.AddSeconds(30));
        var item = AssertReason(Explain(reason), reason, "info", "watch_secs");
        Assert.Contains("12:00:30", item.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AwaitingEvaluation_IsInfo()
    {
        var reason = Reason(BlockingKind.AwaitingEvaluation, "2 instances count once the updater evaluates them again", "awaiting evaluation", [4, 5]);
        AssertReason(Explain(reason), reason, "info", "awaiting evaluation");
    }

    [Fact]
    public void Render_TasksPending_IsInfo()
    {
        var reason = Reason(BlockingKind.TasksPending, "2 new tasks PENDING or ASSIGNED", "pending", [6, 7]);
        AssertReason(Explain(reason), reason, "info", "tasks pending");
    }

    [Fact]
    public void Render_TasksKilling_IsInfo()
    {
        var reason = Reason(BlockingKind.TasksKilling, "2 old tasks being killed", "killing", [6, 7]);
        AssertReason(Explain(reason), reason, "info", "killing old tasks");
    }

    [Fact]
    public void Render_TasksRestarting_IsAWarning()
    {
        var reason = Reason(BlockingKind.TasksRestarting, "1 new task died and is being rescheduled", "restarting", [2]);
        AssertReason(Explain(reason), reason, "warning", "tasks restarting");
    }

    [Fact]
    public void Render_InstanceRetries_IsAWarning()
    {
        var reason = Reason(BlockingKind.InstanceRetries, "instance 2 failed 1 of max_per_instance_failures 1", "retries", [2]);
        AssertReason(Explain(reason), reason, "warning", "instance retries");
    }

    [Fact]
    public void Render_FailureBudget_IsAnError()
    {
        var reason = Reason(BlockingKind.FailureBudget, "1 failed instance of max_failed_instances 1: one more fails the update", "1/1 failed", [2]);
        AssertReason(Explain(reason), reason, "error", "failure budget");
    }

    [Fact]
    public void Render_PulseDue_IsInfoWithTheDeadline()
    {
        var reason = Reason(BlockingKind.PulseDue, "rolling; blocks unless pulsed by 12:01:00", "pulse due", deadline: Now.AddMinutes(1));
        var item = AssertReason(Explain(reason), reason, "info", "pulse due");
        Assert.Contains("in 60 s", item.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NothingBlocks_IsSuccess()
    {
        var reason = Reason(BlockingKind.NothingBlocks, "nothing in flight: the next batch starts at once", "rolling");
        AssertReason(Explain(reason), reason, "success", "nothing blocks");
    }

    [Fact]
    public void Deadline_FakeClockAdvances_CountsDown()
    {
        var cut = Explain(Reason(BlockingKind.WatchCountdown, "waiting out watch_secs", "watch_secs", [1], deadline: Now.AddSeconds(30)));
        Assert.Contains("in 30 s", cut.Find("[data-testid=deadline]").TextContent, StringComparison.Ordinal);

        Time.Advance(TimeSpan.FromSeconds(5));
        cut.WaitForAssertion(() => Assert.Contains("in 25 s", cut.Find("[data-testid=deadline]").TextContent, StringComparison.Ordinal), Wait);

        Time.Advance(TimeSpan.FromSeconds(30));
        cut.WaitForAssertion(() => Assert.Contains("due now", cut.Find("[data-testid=deadline]").TextContent, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task InstanceChip_Clicked_RaisesInstanceSelected()
    {
        var selected = new List<int>();
        var cut = Explain(Reason(BlockingKind.HealthChecks, "in health checks", "health checks", [4, 9]), selected.Add);

        await cut.InvokeAsync(() => cut.Find("[data-instance='9']").Click());

        Assert.Equal([9], selected);
    }

    [Fact]
    public void Render_MoreInstancesThanListed_ShowsTheFirstFewAndCountsTheRest()
    {
        var cut = Explain(Reason(BlockingKind.TasksPending, "pending", "pending", [.. Enumerable.Range(0, 10)], count: 250));

        Assert.Equal(InsightDisplay.ChipsShown, cut.FindAll("[data-instance]").Count);
        Assert.Equal($"+{250 - InsightDisplay.ChipsShown} more", cut.Find(".blocked-reason-more").TextContent);
    }

    [Fact]
    public void Render_SeveralReasons_KeepsTheirOrderUnderTheHeadline()
    {
        var blockers = Blockers(Reason(BlockingKind.Paused, "paused by bob", "paused"), Reason(BlockingKind.WatchCountdown, "watching", "watch_secs", [1]));

        var cut = Render<BlockedExplainer>(p => p.Add(c => c.Blockers, blockers));

        Assert.Equal("paused · watch_secs", cut.Find("[data-testid=blockers-headline]").TextContent);
        Assert.Equal(["Paused", "WatchCountdown"], cut.FindAll("li.blocked-reason").Select(li => li.GetAttribute("data-kind")));
    }

    [Fact]
    public void BlockedHeadline_Blockers_ShowsTheLineWithTheFirstReasonsIcon()
    {
        var blockers = Blockers(Reason(BlockingKind.FailureBudget, "budget", "1/1 failed"), Reason(BlockingKind.TasksPending, "pending", "pending"));

        var cut = Render<BlockedHeadline>(p => p.Add(c => c.Blockers, blockers));

        Assert.Equal("1/1 failed · pending", cut.Find(".blocked-headline-text").TextContent);
        Assert.Equal("1/1 failed · pending", cut.Find(".blocked-headline").GetAttribute("title"));
        Assert.Contains("mud-error-text", cut.Find("svg").ClassName, StringComparison.Ordinal);
    }
}
