using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Integration;

/// <summary>The dashboard end to end on the server side: embedded emulator over real gRPC, real SignalR client.</summary>
public class DashboardIntegrationTests
{
    private const string Api = "payments/prod/api#api-1";

    [Fact]
    public async Task Connect_SnapshotThenOrderedDeltas()
    {
        using var app = new DashboardApp();
        await app.WaitUntilLiveAsync();
        await using var client = await app.ConnectAsync(Api);

        // Not "the first batch updated": at speed 20 that can be over before the client connects.
        await client.WaitUntil(s => client.Batches.Count(b => b.Epoch == s.Epoch && b.DecodeRows().Length > 0) >= 3, "three delta batches with instance rows");
        Assert.Equal(0, client.Resyncs);

        var epoch = await client.ReadAsync(s => s.Epoch);
        var batches = client.Batches.Where(b => b.Epoch == epoch).ToList();
        Assert.All(batches, b => Assert.Equal(Api, b.View));
        Assert.All(batches.Zip(batches.Skip(1)), pair => Assert.Equal(pair.First.Version, pair.Second.PreviousVersion));
        // Coalesced: an instance appears at most once per batch.
        Assert.All(batches, b => Assert.Equal(b.DecodeRows().Length, b.DecodeRows().Select(i => i.InstanceId).Distinct().Count()));
        Assert.Contains(batches, b => b.DecodeRows().Length > 0);
        Assert.Equal(1, client.Snapshots);
    }

    [Fact]
    public async Task MixedExecutors_EndsWithTheRightVersionsAndGating()
    {
        using var app = new DashboardApp();
        await using var client = await app.ConnectAsync(Api);

        await client.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RolledForward, "ROLLED_FORWARD", TimeSpan.FromSeconds(90));

        var hosts = app.Engine.HostExecutors();
        var instances = await client.ReadAsync(s => s.Instances.ToList());
        Assert.Equal(20, instances.Count);
        Assert.All(instances, i =>
        {
            Assert.Equal(hosts[i.Host], i.ExecutorVersion);
            Assert.Equal(i.ExecutorVersion == ExecutorVersion.VCurrent ? GatingMode.HealthGated : GatingMode.WatchSecs, i.GatingMode);
            Assert.Equal(i.GatingMode, i.UpdaterDecision);
            Assert.Equal(InstanceAction.InstanceUpdated, i.UpdateAction);
            Assert.Empty(i.Hazards);
        });
        Assert.Contains(instances, i => i.ExecutorVersion == ExecutorVersion.VPrev);
        Assert.Contains(instances, i => i.ExecutorVersion == ExecutorVersion.VCurrent);
        Assert.Equal(20, await client.ReadAsync(s => s.Update(Api)!.UpdatedCount));
    }

    [Fact]
    public async Task Pause_ReachesTheSchedulerAndComesBackThroughTheStream()
    {
        using var app = new DashboardApp();
        await using var client = await app.ConnectAsync(Api);
        await client.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollingForward, "rolling");

        var result = await client.SendAsync(ControlCommand.Pause, new CommandRequest(Api, "checking latency"));

        Assert.Equal(ControlOutcome.Ok, result.Outcome);
        Assert.Equal(UpdateStatus.RollForwardPaused, result.Status);
        await client.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollForwardPaused, "paused status through the stream");
        var change = await client.ReadAsync(s => s.History[^1]);
        Assert.Equal(("carol", "checking latency"), (change.User, change.Message));
        Assert.Equal(UpdateStatus.RollForwardPaused, app.Engine.StatusOf(new UpdateKey(new JobKey("payments", "prod", "api"), "api-1")));
    }

    [Fact]
    public async Task ResumeFinishedUpdate_IsInvalidRequest_StateUnchanged()
    {
        using var app = new DashboardApp(("Emulator:Speed", "50"));
        await using var client = await app.ConnectAsync(Api);
        await client.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RolledForward, "ROLLED_FORWARD", TimeSpan.FromSeconds(90));
        var before = await client.ReadAsync(s => s.Update(Api)!);
        var history = await client.ReadAsync(s => s.History.Count);

        var result = await client.SendAsync(ControlCommand.Resume, new CommandRequest(Api, "again"));

        Assert.Equal(ControlOutcome.InvalidRequest, result.Outcome);
        Assert.Contains("ROLLED_FORWARD", result.Reason, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Equal(before.Status, await client.ReadAsync(s => s.Update(Api)!.Status));
        Assert.Equal(history, await client.ReadAsync(s => s.History.Count));
    }

    [Fact]
    public async Task Command_WithoutMessageOrWithBadKey_IsRejectedBeforeTheScheduler()
    {
        using var app = new DashboardApp();
        await using var client = await app.ConnectAsync();

        var noMessage = await client.SendAsync(ControlCommand.Pause, new CommandRequest(Api, "   "));
        var badKey = await client.SendAsync(ControlCommand.Abort, new CommandRequest("not-a-key", "x"));
        var unknown = await client.SendAsync(ControlCommand.Abort, new CommandRequest("payments/prod/api#nope", "x"));

        Assert.Equal((ControlOutcome.InvalidRequest, "a message is required"), (noMessage.Outcome, noMessage.Reason));
        Assert.Equal(ControlOutcome.InvalidRequest, badKey.Outcome);
        Assert.Equal(ControlOutcome.InvalidRequest, unknown.Outcome);
        Assert.NotEqual(UpdateStatus.RollForwardPaused, app.Engine.StatusOf(new UpdateKey(new JobKey("payments", "prod", "api"), "api-1")));
    }

    [Fact]
    public async Task InstanceDetail_ReturnsTheTaskTimeline()
    {
        using var app = new DashboardApp();
        await using var client = await app.ConnectAsync(Api);
        await client.WaitUntil(s => s.Instances.Any(i => i.InstanceId == 0 && i.TaskStatus == TaskState.Running), "instance 0 running");

        var detail = await client.Hub.InvokeAsync<InstanceDetail?>(nameof(IDashboardHub.GetInstanceDetail), Api, 0);

        Assert.NotNull(detail);
        Assert.Equal(TaskState.Pending, detail.Timeline[0].State);
        Assert.Contains(detail.Timeline, e => e.State == TaskState.Running);
        Assert.Equal(3, detail.Verdicts.Count);
        Assert.NotEmpty(detail.GatingReason);
    }

    [Fact]
    public async Task JsonApi_ListAndDetail_UseThePublicNames()
    {
        using var app = new DashboardApp();
        await using var client = await app.ConnectAsync();
        await client.WaitUntil(s => s.Update(Api)?.UpdatedCount >= 1, "some progress");
        using var http = app.CreateHttp();

        var list = await http.GetFromJsonAsync<JsonElement>("/api/updates");
        var detail = await http.GetFromJsonAsync<JsonElement>("/api/updates/payments/prod/api/api-1");
        var missing = await http.GetAsync(new Uri("/api/updates/payments/prod/api/nope", UriKind.Relative));
        var health = await http.GetFromJsonAsync<JsonElement>("/healthz");
        var page = await http.GetFromJsonAsync<JsonElement>("/api/updates/payments/prod/api/api-1?offset=2&limit=3");
        var negative = await http.GetAsync(new Uri("/api/updates/payments/prod/api/api-1?offset=-1", UriKind.Relative));

        var summary = list.EnumerateArray().Single();
        Assert.Equal("payments/prod/api", summary.GetProperty("jobKey").GetString());
        Assert.Equal("api-1", summary.GetProperty("updateId").GetString());
        Assert.Equal("S2", summary.GetProperty("detectionStrategy").GetString());
        foreach (var name in new[] { "status", "user", "instanceCount", "updatedCount", "failedCount" }) Assert.True(summary.TryGetProperty(name, out _), name);

        Assert.Equal(30, detail.GetProperty("settings").GetProperty("watchSecs").GetInt32());
        // Any row with a task: by the time of the request the update may have moved on (a rollback replaces tasks).
        var instance = detail.GetProperty("instances").EnumerateArray().First(i => i.GetProperty("taskStatus").GetString() is not null);
        Assert.Contains(instance.GetProperty("taskStatus").GetString(), new[] { "PENDING", "ASSIGNED", "STARTING", "RUNNING", "FINISHED", "FAILED", "KILLING", "KILLED", "LOST" });
        Assert.Contains(instance.GetProperty("executorVersion").GetString(), new[] { "unknown", "vPrev", "vCurrent" });
        Assert.Contains(instance.GetProperty("gatingMode").GetString(), new[] { "UNDETERMINED", "HEALTH_GATED", "WATCH_SECS" });
        foreach (var name in new[] { "instanceId", "taskId", "host", "capabilities", "unknownCapabilities", "healthState", "gatingReason", "watchRemainingMs", "watchDeadline", "hazards", "updateAction" })
        {
            Assert.True(instance.TryGetProperty(name, out _), name);
        }

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("viewers").GetInt32());
        Assert.Equal("live", health.GetProperty("upstream").GetString());
        // The link's counters: the embedded emulator's two first snapshots, nothing refused or unreadable, no reconnect.
        Assert.Equal((0L, 2L, 0L, 0L), (health.GetProperty("upstreamReconnects").GetInt64(), health.GetProperty("upstreamSnapshots").GetInt64(),
            health.GetProperty("upstreamRejectedEvents").GetInt64(), health.GetProperty("upstreamBadMessages").GetInt64()));
        Assert.Equal(JsonValueKind.String, health.GetProperty("upstreamDetail").ValueKind);
        Assert.Equal([2, 3, 4], page.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("instanceId").GetInt32()));
        Assert.Equal(20, page.GetProperty("instanceCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
    }
}
