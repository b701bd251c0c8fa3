using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Rollout.Client.Components;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Audit;
using Rollout.Server.Tests.Support;
using Rollout.Server.Upstream;
using static Rollout.Server.Tests.Faults.Scripts;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// A command the scheduler takes but answers only after the dashboard's control timeout (or never):
/// the browser is told the outcome is unknown and its audit shows it pending; once the scheduler's
/// stream shows the change, the very fetch the browser makes on seeing it lists the entry applied.
/// On the test's clock: the periodic reconciliation does not run unless the test moves it.
/// </summary>
public class OutcomeUnknownTests
{
    private const string Web = "www-data/prod/web#web-1";
    private const string Why = "hold for the canary";
    private static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Pause_AnsweredOnlyAfterTheTimeout_BrowserSeesPendingThenAppliedOnceTheStreamShowsIt()
    {
        await using var upstream = new ScriptedScheduler(); // takes every control call and never answers it
        upstream.UpdaterScript.AddRange(UpdaterSnapshot("e1", 1, "new subscriber", Events.Started(instances: 2)));
        upstream.UpdaterScript.Add(Live("e1", 2, Events.Status(UpdateStatus.RollingForward, 1)));
        upstream.StatusScript.AddRange(StatusSnapshot("e1", 0, "new subscriber"));
        await upstream.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new DashboardApp(b => b.ConfigureTestServices(s => OnTheTestsClock(s, time)), ("Upstream:Address", upstream.Address.ToString()));
        await using var browser = await app.ConnectAsync(Web);
        await browser.WaitUntil(s => s.Update(Web)?.Status == UpdateStatus.RollingForward, "rolling");

        var pending = browser.SendAsync(ControlCommand.Pause, new CommandRequest(Web, Why));
        var sent = await upstream.ControlRequests.Reader.ReadAsync().AsTask().WaitAsync(TestBrowser.Timeout);
        time.Advance(ControlTimeout);
        var result = await pending;

        // The command's own answer, and the audit as the browser fetches it: unknown, pending.
        Assert.Equal((DashboardApp.UserName, Why), (sent.User, sent.Message));
        Assert.Equal(ControlOutcome.OutcomeUnknown, result.Outcome);
        Assert.StartsWith(AuditDisplay.Unknown, AuditDisplay.Result(result.Outcome, result.Reason, result.Status, null), StringComparison.Ordinal);
        var before = Assert.Single(await AuditSeenByAsync(browser));
        Assert.Equal((ControlOutcome.OutcomeUnknown, (DateTimeOffset?)null, "no answer within 10 s"), (before.Outcome, before.AppliedAt, before.Reason));
        Assert.Equal($"{AuditDisplay.Unknown} (no answer within 10 s)", AuditDisplay.Result(before));
        Assert.Equal(UpdateStatus.RollingForward, await browser.ReadAsync(s => s.Update(Web)!.Status)); // the answer changes nothing shown

        // The scheduler had applied it: its stream says so, and the browser fetches the audit on seeing the history grow.
        await upstream.UpdaterLive.Writer.WriteAsync(Live("e1", 3, Events.Status(UpdateStatus.RollForwardPaused, 600, DashboardApp.UserName, Why)));
        await browser.WaitUntil(s => s.Update(Web)?.Status == UpdateStatus.RollForwardPaused && s.History.Count == 2, "the pause in the stream");

        var after = Assert.Single(await AuditSeenByAsync(browser));
        Assert.Equal((ControlOutcome.OutcomeUnknown, Events.T0.AddSeconds(600), UpdateStatus.RollForwardPaused),
            (after.Outcome, after.AppliedAt, after.Status));
        Assert.Equal($"applied (seen in the stream at {AuditDisplay.Time(Events.T0.AddSeconds(600))})", AuditDisplay.Result(after));
        Assert.Equal(0, app.Services.GetRequiredService<AuditTrail>().UnresolvedCount);
    }

    [Fact]
    public async Task Pause_AppliedButTheAnswerLostInABlackHole_PendingUntilTheLinkIsBackAndTheStreamShowsIt()
    {
        await using var upstream = new OperatedScheduler(TimeProvider.System, TimeSpan.Zero);
        upstream.StartUpdate(instances: 2);
        var apply = new TaskCompletionSource();
        upstream.ApplyGate = apply.Task; // the scheduler takes the pause, and applies and answers it once the link is a black hole
        await upstream.StartAsync();
        await using var proxy = new FaultProxy(upstream.Address);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new DashboardApp(b => b.ConfigureTestServices(s => OnTheTestsClock(s, time)),
            ("Upstream:Address", proxy.Address.ToString()),
            ("Upstream:KeepAlivePingDelaySeconds", "1"),
            ("Upstream:KeepAlivePingTimeoutSeconds", "1"));
        await using var browser = await app.ConnectAsync(Web);
        await browser.WaitUntil(s => s.Update(Web)?.Status == UpdateStatus.RollingForward, "rolling");

        var pending = browser.SendAsync(ControlCommand.Pause, new CommandRequest(Web, Why));
        await SubscriberRig.WaitUntil(() => upstream.Arrived == 1, "the pause reached the scheduler");
        proxy.Stall();
        apply.SetResult();
        await SubscriberRig.WaitUntil(() => upstream.Status == UpdateStatus.RollForwardPaused, "the scheduler applied it");
        time.Advance(ControlTimeout);
        var result = await pending;

        Assert.Equal(ControlOutcome.OutcomeUnknown, result.Outcome); // the request had left: never "nothing was changed"
        var before = Assert.Single(await AuditSeenByAsync(browser));
        Assert.Equal((ControlOutcome.OutcomeUnknown, (DateTimeOffset?)null), (before.Outcome, before.AppliedAt));
        Assert.StartsWith(AuditDisplay.Unknown, AuditDisplay.Result(before), StringComparison.Ordinal);

        proxy.Heal(); // the keepalive finds the dead link; the streams resume and bring the pause
        await browser.WaitUntil(s => s.Update(Web)?.Status == UpdateStatus.RollForwardPaused, "the pause in the stream", TimeSpan.FromSeconds(60));

        var after = Assert.Single(await AuditSeenByAsync(browser));
        Assert.Equal((ControlOutcome.OutcomeUnknown, UpdateStatus.RollForwardPaused), (after.Outcome, after.Status));
        Assert.NotNull(after.AppliedAt);
        Assert.StartsWith("applied (seen in the stream at ", AuditDisplay.Result(after), StringComparison.Ordinal);
    }

    /// <summary>The control deadline and the periodic reconciliation on the test's clock; everything else on real time.</summary>
    private static void OnTheTestsClock(IServiceCollection services, FakeTimeProvider time)
    {
        services.AddSingleton(sp => new UpstreamControl(sp.GetRequiredService<UpstreamChannel>(), time));
        var periodic = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(AuditReconciliation));
        services.Remove(periodic);
        services.AddHostedService(sp => new AuditReconciliation(sp.GetRequiredService<AuditTrail>(), time));
    }

    /// <summary>The audit as the browser's own code fetches it (what its audit panel shows).</summary>
    private static async Task<IReadOnlyList<AuditEntryView>> AuditSeenByAsync(TestBrowser browser)
    {
        IReadOnlyList<AuditEntryView>? entries = null;
        await browser.RunOnPageAsync(async () => entries = await browser.Connection.GetAuditAsync(Web));
        return entries ?? throw new InvalidOperationException("the browser could not fetch the audit");
    }
}
