using Microsoft.Extensions.DependencyInjection;
using Rollout.Client.Components;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Audit;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// Two operators, each in a browser of their own, steer the same update at the same moment. Both
/// commands are audited with their own user and outcome (a command the scheduler refuses as
/// refused, with its reason); what the update then is comes from the scheduler's stream, and both
/// browsers end up showing exactly that.
/// </summary>
public class ConcurrentOperatorsTests
{
    private const string Alice = "alice";
    private const string Bob = "bob";
    private static readonly string Web = DashboardKeys.Of(OperatedScheduler.Key);

    [Fact]
    public async Task PauseAtOnce_SchedulerRefusesTheSecond_BothAuditedRefusalWithItsReason_BrowsersShowTheStreamsStatus()
    {
        await using var upstream = new OperatedScheduler(TimeProvider.System, TimeSpan.Zero);
        upstream.StartUpdate(instances: 2);
        await upstream.StartAsync();
        using var app = Operators.App(upstream.Address.ToString(), [Alice, Bob]);
        await using var alice = await TestBrowser.OpenAsync(app.BaseAddress, Web, token: Operators.TokenOf(Alice));
        await using var bob = await TestBrowser.OpenAsync(app.BaseAddress, Web, token: Operators.TokenOf(Bob));
        await WaitForBoth(alice, bob, s => s.Update(Web)?.Status == UpdateStatus.RollingForward, "rolling");

        upstream.HoldUntil(2); // the scheduler takes them only once both are in: really at once
        var results = await Task.WhenAll(
            alice.SendAsync(ControlCommand.Pause, new CommandRequest(Web, "alice: canary looks off")),
            bob.SendAsync(ControlCommand.Pause, new CommandRequest(Web, "bob: error rate up")));

        var (first, second) = FirstAndSecond(upstream);
        var (won, lost) = first == Alice ? (results[0], results[1]) : (results[1], results[0]);
        Assert.Equal(ControlResult.Ok(UpdateStatus.RollForwardPaused), won);
        Assert.Equal(ControlResult.Invalid("the update is not rolling (already paused?)", UpdateStatus.RollForwardPaused), lost);

        // The status is the stream's: one pause, by whoever the scheduler applied first, in both browsers.
        await WaitForBoth(alice, bob, s => s.Update(Web)?.Status == UpdateStatus.RollForwardPaused && s.History.Count == 2, "paused, as the stream says");
        foreach (var browser in new[] { alice, bob })
        {
            var last = await browser.ReadAsync(s => s.History[^1]);
            Assert.Equal((UpdateStatus.RollForwardPaused, first), (last.Status, last.User));
        }

        // Both audited, each with its own user and outcome, as either browser fetches it.
        var audit = await AuditSeenByAsync(bob, Web);
        Assert.Equal(2, audit.Count);
        var applied = Assert.Single(audit, e => e.User == first);
        var refused = Assert.Single(audit, e => e.User == second);
        Assert.Equal((ControlCommand.Pause, ControlOutcome.Ok, UpdateStatus.RollForwardPaused), (applied.Command, applied.Outcome, applied.Status));
        Assert.Equal((ControlCommand.Pause, ControlOutcome.InvalidRequest), (refused.Command, refused.Outcome));
        Assert.Equal("INVALID_REQUEST: the update is not rolling (already paused?)", AuditDisplay.Result(refused));
        Assert.Equal(audit.Select(e => (e.Id, e.User, e.Outcome, e.Reason)), (await AuditSeenByAsync(alice, Web)).Select(e => (e.Id, e.User, e.Outcome, e.Reason)));
        Assert.StartsWith(first == Alice ? "alice:" : "bob:", applied.Message, StringComparison.Ordinal);

        // And back: both resume at once; one is applied, the other refused, and both browsers follow the stream.
        upstream.HoldUntil(2);
        var resumed = await Task.WhenAll(
            alice.SendAsync(ControlCommand.Resume, new CommandRequest(Web, "alice: looks fine")),
            bob.SendAsync(ControlCommand.Resume, new CommandRequest(Web, "bob: fixed")));

        Assert.Equal([ControlOutcome.Ok, ControlOutcome.InvalidRequest], resumed.Select(r => r.Outcome).Order());
        await WaitForBoth(alice, bob, s => s.Update(Web)?.Status == UpdateStatus.RollingForward && s.History.Count == 3, "rolling again, as the stream says");
        var entries = app.Services.GetRequiredService<AuditTrail>().List(Web);
        Assert.Equal(4, entries.Count);
        Assert.Equal([(Alice, 2), (Bob, 2)], entries.GroupBy(e => e.User).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key));
        Assert.Equal(2, entries.Count(e => e.Result.Outcome == ControlOutcome.InvalidRequest && e.Result.Reason.Length > 0));
        Assert.Equal(UpdateStatus.RollingForward, upstream.Status);
    }

    [Fact]
    public async Task PauseAndResumeAtOnce_OnTheEmulator_BothAuditedWithTheirUsers_BrowsersConvergeOnTheSchedulersStatus()
    {
        const string Api = "payments/prod/api#api-1";
        var apiKey = new UpdateKey(new JobKey("payments", "prod", "api"), "api-1");
        using var app = Operators.App(string.Empty, [Alice, Bob], ("Emulator:Speed", "2"));
        await using var alice = await TestBrowser.OpenAsync(app.BaseAddress, Api, token: Operators.TokenOf(Alice));
        await using var bob = await TestBrowser.OpenAsync(app.BaseAddress, Api, token: Operators.TokenOf(Bob));
        await WaitForBoth(alice, bob, s => s.Update(Api)?.Status == UpdateStatus.RollingForward, "rolling");

        var results = await Task.WhenAll(
            alice.SendAsync(ControlCommand.Pause, new CommandRequest(Api, "alice: hold")),
            bob.SendAsync(ControlCommand.Resume, new CommandRequest(Api, "bob: carry on")));

        Assert.All(results, r => Assert.Equal(ControlOutcome.Ok, r.Outcome)); // the emulator, as Aurora, takes both
        var scheduler = app.Engine.StatusOf(apiKey);
        Assert.True(scheduler is UpdateStatus.RollForwardPaused or UpdateStatus.RollingForward or UpdateStatus.RolledForward, $"{scheduler}");
        foreach (var browser in new[] { alice, bob })
        {
            await browser.WaitUntil(s => s.Update(Api)?.Status == app.Engine.StatusOf(apiKey), "the scheduler's status, from the stream");
        }

        var entries = app.Services.GetRequiredService<AuditTrail>().List(Api);
        Assert.Equal([(Alice, ControlCommand.Pause, ControlOutcome.Ok, "alice: hold"), (Bob, ControlCommand.Resume, ControlOutcome.Ok, "bob: carry on")],
            entries.Select(e => (e.User, e.Command, e.Result.Outcome, e.Message)).OrderBy(e => e.User));
        Assert.Equal(entries.Select(e => (e.Id, e.User, e.Command, e.Result.Outcome)), (await AuditSeenByAsync(alice, Api)).Select(e => (e.Id, e.User, e.Command, e.Outcome)));
    }

    /// <summary>Whose command the scheduler took first, and whose second.</summary>
    private static (string First, string Second) FirstAndSecond(OperatedScheduler upstream)
    {
        var applied = upstream.Taken.TakeLast(2).Select(r => r.User).ToArray();
        return (applied[0], applied[1]);
    }

    private static async Task WaitForBoth(TestBrowser a, TestBrowser b, Func<DashboardStore, bool> condition, string what)
    {
        await a.WaitUntil(condition, $"{what} (first browser)");
        await b.WaitUntil(condition, $"{what} (second browser)");
    }

    private static async Task<IReadOnlyList<AuditEntryView>> AuditSeenByAsync(TestBrowser browser, string updateKey)
    {
        IReadOnlyList<AuditEntryView>? entries = null;
        await browser.RunOnPageAsync(async () => entries = await browser.Connection.GetAuditAsync(updateKey));
        return entries ?? throw new InvalidOperationException("the browser could not fetch the audit");
    }
}
