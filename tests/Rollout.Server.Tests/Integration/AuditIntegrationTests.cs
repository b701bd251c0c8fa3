using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Audit;
using Rollout.Server.Tests.Support;
using Rollout.Server.Upstream;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Integration;

/// <summary>The audit through the real server: hub commands in, SQLite, /api/audit and the log out.</summary>
public class AuditIntegrationTests
{
    private const string Api = "payments/prod/api#api-1";
    private const string Web = "www-data/prod/web#web-1";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static HttpClient Http(DashboardApp app) => app.CreateHttp();

    private static async Task<JsonElement[]> AuditAsync(DashboardApp app, string update, string extra = "")
    {
        using var http = Http(app);
        return await http.GetFromJsonAsync<JsonElement[]>($"/api/audit?update={Uri.EscapeDataString(update)}{extra}").WaitAsync(Wait) ?? [];
    }

    private static async Task<JsonElement> WaitForAuditAsync(DashboardApp app, string update, Func<JsonElement, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            if ((await AuditAsync(app, update)).FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found) return found;
            await Task.Delay(50);
        }

        Assert.Fail($"timed out waiting for: {what}");
        return default;
    }

    private static string Text(JsonElement e, string name) => e.GetProperty(name).GetString() ?? string.Empty;

    [Fact]
    public async Task AuditApi_AfterARestart_ListsThePauseSentBefore()
    {
        var dataPath = DashboardApp.NewDataPath();
        try
        {
            using (var first = new DashboardApp(("Dashboard:DataPath", dataPath)))
            {
                await using var client = await first.ConnectAsync(Api);
                await client.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollingForward, "rolling");
                var result = await client.SendAsync(ControlCommand.Pause, new CommandRequest(Api, "before the restart"));
                Assert.Equal(ControlOutcome.Ok, result.Outcome);
            }

            using var second = new DashboardApp(("Dashboard:DataPath", dataPath));
            var entry = Assert.Single(await AuditAsync(second, Api));

            Assert.Equal(("carol", "PAUSE", "before the restart", "OK", "ROLL_FORWARD_PAUSED", Api),
                (Text(entry, "user"), Text(entry, "command"), Text(entry, "message"), Text(entry, "outcome"), Text(entry, "status"), Text(entry, "updateKey")));
        }
        finally
        {
            DashboardApp.DeleteDataPath(dataPath);
        }
    }

    [Fact]
    public async Task Commands_RefusedHereOrByTheScheduler_AreRecorded()
    {
        using var app = new DashboardApp(("Emulator:AllowedOperators:0", "alice"));
        await using var client = await app.ConnectAsync(Api);
        await client.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollingForward, "rolling");

        // The name is the signed-in one (carol); bad names are refused at sign-in (see the Security tests).
        var noMessage = await client.SendAsync(ControlCommand.Abort, new CommandRequest(Api, "  "));
        var badKey = await client.SendAsync(ControlCommand.Abort, new CommandRequest("not-a-key", "x"));
        var notAllowed = await client.SendAsync(ControlCommand.Resume, new CommandRequest(Api, "not mine"));

        Assert.Equal(ControlOutcome.InvalidRequest, noMessage.Outcome);
        Assert.Equal(ControlOutcome.InvalidRequest, badKey.Outcome);
        Assert.Equal(ControlOutcome.AuthFailed, notAllowed.Outcome);

        var entries = await AuditAsync(app, Api);
        Assert.Equal(["AUTH_FAILED", "INVALID_REQUEST"], entries.Select(e => Text(e, "outcome")));
        Assert.Equal(["not mine", ""], entries.Select(e => Text(e, "message")));
        Assert.All(entries, e => Assert.Equal(DashboardApp.UserName, Text(e, "user")));
        Assert.Equal("not-a-key", Assert.Single(app.Services.GetRequiredService<AuditTrail>().List("not-a-key")).UpdateKey);
        Assert.Equal(UpdateStatus.RollingForward, await client.ReadAsync(s => s.Update(Api)!.Status));
    }

    [Fact]
    public async Task AuditApi_ListsNewestFirst_HonoursLimit_RefusesABadKey()
    {
        using var app = new DashboardApp();
        await using var client = await app.ConnectAsync(Api);
        foreach (var message in new[] { "first", "second", "third" })
            await client.SendAsync(ControlCommand.Abort, new CommandRequest("payments/prod/nothing#1", message));
        await client.SendAsync(ControlCommand.Pause, new CommandRequest(Api, "   "));

        Assert.Equal(["third", "second", "first"], (await AuditAsync(app, "payments/prod/nothing#1")).Select(e => Text(e, "message")));
        Assert.Equal(["third", "second"], (await AuditAsync(app, "payments/prod/nothing#1", "&limit=2")).Select(e => Text(e, "message")));
        Assert.Equal(3, (await AuditAsync(app, "payments/prod/nothing#1", "&limit=100000")).Length);
        Assert.Single(await AuditAsync(app, Api));

        using var http = Http(app);
        foreach (var bad in new[] { "/api/audit?update=not-a-key", "/api/audit", "/api/audit?update=payments/prod/api#api-1", $"/api/audit?update={Uri.EscapeDataString(Api)}&limit=0" })
        {
            using var response = await http.GetAsync(new Uri(bad, UriKind.Relative)).WaitAsync(Wait);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using var malformed = await http.GetAsync(new Uri("/api/audit?update=not-a-key", UriKind.Relative)).WaitAsync(Wait);
        Assert.Contains("role/env/name#id", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_LogInjectionAttempt_LeavesExactlyOneEscapedLine()
    {
        var logs = new CapturingLoggerProvider();
        using var app = new DashboardApp(b => b.ConfigureLogging(l =>
        {
            l.AddProvider(logs);
            l.AddFilter<CapturingLoggerProvider>(typeof(AuditTrail).FullName, LogLevel.Information);
        }));
        await using var client = await app.ConnectAsync(Api);
        const string Forged = "ok)\r\ninfo: Rollout.Server.Audit.AuditTrail[0]\r\n      Audit: Abort payments/prod/api#api-1 by root (verified)\u001b[2K\u202Eevil\0";

        await client.SendAsync(ControlCommand.Pause, new CommandRequest(Api, Forged));

        var line = Assert.Single(logs.Lines, l => l.Category == typeof(AuditTrail).FullName).Text;
        Assert.DoesNotContain(line, c => c is '\r' or '\n' or '\u001b' or '\u202E' or '\0');
        Assert.Contains(@"ok)\r\ninfo: Rollout.Server.Audit.AuditTrail[0]\r\n      Audit: Abort payments/prod/api#api-1 by root (verified)\u001B[2K\u202Eevil\0", line, StringComparison.Ordinal);
        Assert.StartsWith("Audit: Pause payments/prod/api#api-1 by carol (", line, StringComparison.Ordinal);
        Assert.Single(logs.Lines, l => l.Text.Contains("(verified)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pause_SchedulerNeverAnswers_OutcomeUnknownThenAppliedWhenTheStreamShowsIt()
    {
        await using var upstream = ScriptedUpdate();
        await upstream.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new DashboardApp(
            b => b.ConfigureTestServices(s => s.AddSingleton(sp => new UpstreamControl(sp.GetRequiredService<UpstreamChannel>(), time))),
            ("Upstream:Address", upstream.Address.ToString()));
        await using var client = await app.ConnectAsync(Web);
        await client.WaitUntil(s => s.Update(Web)?.Status == UpdateStatus.RollingForward, "rolling");

        var pending = client.SendAsync(ControlCommand.Pause, new CommandRequest(Web, "hold for the canary"));
        var sent = await upstream.ControlRequests.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        time.Advance(TimeSpan.FromSeconds(10));
        var result = await pending;

        Assert.Equal((DashboardApp.UserName, "hold for the canary"), (sent.User, sent.Message));
        Assert.Equal(ControlResult.Unknown("no answer within 10 s"), result);
        var recorded = Assert.Single(await AuditAsync(app, Web));
        Assert.Equal(("OUTCOME_UNKNOWN", JsonValueKind.Null), (Text(recorded, "outcome"), recorded.GetProperty("appliedAt").ValueKind));

        // The scheduler had applied it after all: its stream says so.
        await upstream.UpdaterLive.Writer.WriteAsync(Live(3, Events.Status(UpdateStatus.RollForwardPaused, 600, DashboardApp.UserName, "hold for the canary")));

        var applied = await WaitForAuditAsync(app, Web, e => e.GetProperty("appliedAt").ValueKind != JsonValueKind.Null, "the entry marked applied");
        Assert.Equal(Events.T0.AddSeconds(600), applied.GetProperty("appliedAt").GetDateTimeOffset());
        Assert.Equal(("OUTCOME_UNKNOWN", "ROLL_FORWARD_PAUSED"), (Text(applied, "outcome"), Text(applied, "status")));
    }

    [Fact]
    public async Task Pause_BrowserLeavesWhileWaiting_RecordedAsOutcomeUnknown()
    {
        await using var upstream = ScriptedUpdate();
        await upstream.StartAsync();
        using var app = new DashboardApp(("Upstream:Address", upstream.Address.ToString()));
        var client = await app.ConnectAsync(Web);
        await client.WaitUntil(s => s.Update(Web)?.Status == UpdateStatus.RollingForward, "rolling");

        _ = client.Hub.InvokeAsync<ControlResult>(nameof(IDashboardHub.PauseUpdate), new CommandRequest(Web, "hold"));
        await upstream.ControlRequests.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        await client.DisposeAsync();

        var entry = await WaitForAuditAsync(app, Web, _ => true, "the abandoned command recorded");
        Assert.Equal(("OUTCOME_UNKNOWN", "the browser's connection dropped while waiting for the answer"), (Text(entry, "outcome"), Text(entry, "reason")));
    }

    /// <summary>One rolling update (www-data/prod/web#web-1); control calls are accepted and never answered.</summary>
    private static ScriptedScheduler ScriptedUpdate()
    {
        var upstream = new ScriptedScheduler();
        upstream.UpdaterScript.AddRange(
        [
            new() { SnapshotBegin = Boundary(0, 1) },
            new() { SnapshotItem = Events.Started(instances: 2).ToProto() },
            new() { SnapshotEnd = Boundary(1) },
            Live(2, Events.Status(UpdateStatus.RollingForward, 1)),
        ]);
        return upstream;
    }

    private static Wire.UpdaterStreamMessage Live(ulong sequence, UpdaterEvent e) =>
        new() { Event = new Wire.SequencedUpdaterEvent { Position = new Wire.StreamPosition { Epoch = "e1", Sequence = sequence }, Event = e.ToProto() } };

    private static Wire.SnapshotBoundary Boundary(ulong sequence, int announced = 0) =>
        new() { Position = new Wire.StreamPosition { Epoch = "e1", Sequence = sequence }, ItemCount = (uint)announced, Reason = "test" };
}
