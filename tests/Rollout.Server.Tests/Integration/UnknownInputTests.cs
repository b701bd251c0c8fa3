using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using static Rollout.Server.Tests.Integration.UnknownInputFixture;

namespace Rollout.Server.Tests.Integration;

/// <summary>Odd values from an independently written scheduler: what can be kept is kept, shown where it applies, counted, and never gates.</summary>
public sealed class UnknownInputTests(UnknownInputFixture fixture) : IClassFixture<UnknownInputFixture>
{
    private static JsonElement Instance(JsonElement update, int id) =>
        update.GetProperty("instances").EnumerateArray().Single(i => i.GetProperty("instanceId").GetInt32() == id);

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static bool Running(JsonElement update, int id) =>
        update.GetProperty("instances").EnumerateArray().Any(i => i.GetProperty("instanceId").GetInt32() == id && i.GetProperty("taskStatus").GetString() == "RUNNING");

    [Fact]
    public async Task NonCanonicalCapabilityToken_IsAnUnknownCapability_AndRunningStillWaitsForWatchSecs()
    {
        var update = await fixture.ReadUntil(WebPath, u => Running(u, 0) && Running(u, 1), "both web instances running");

        var odd = Instance(update, 0);
        Assert.Empty(Strings(odd.GetProperty("capabilities")));
        Assert.Equal(["health_gated_running"], Strings(odd.GetProperty("unknownCapabilities")));
        Assert.Equal("WATCH_SECS", odd.GetProperty("gatingMode").GetString());
        Assert.Equal(JsonValueKind.Number, odd.GetProperty("watchRemainingMs").ValueKind);

        var canonical = Instance(update, 1);
        Assert.Equal(["HEALTH_GATED_RUNNING"], Strings(canonical.GetProperty("capabilities")));
        Assert.Equal("HEALTH_GATED", canonical.GetProperty("gatingMode").GetString());
    }

    [Fact]
    public async Task UnknownDetectionStrategy_KeepsTheUpdate_ShownUnknown_WithItsInstancesUndetermined()
    {
        var list = await fixture.ReadUntil("/api/updates", l => l.EnumerateArray().Any(u => u.GetProperty("updateId").GetString() == "api-odd"), "the update is listed");
        Assert.Equal("UNKNOWN", list.EnumerateArray().Single(u => u.GetProperty("updateId").GetString() == "api-odd").GetProperty("detectionStrategy").GetString());

        // Running with "Task is healthy.", HEALTH_GATED_RUNNING and the S3 bit set: S1, S2 and S3 would each gate it.
        var update = await fixture.ReadUntil(ApiPath, u => Running(u, 0), "the api instance running");
        var instance = Instance(update, 0);
        Assert.Equal("UNDETERMINED", instance.GetProperty("gatingMode").GetString());
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("watchRemainingMs").ValueKind);
        Assert.Contains("not one this dashboard knows", instance.GetProperty("gatingReason").GetString(), StringComparison.Ordinal);

        await using var client = await fixture.App.ConnectAsync(ApiKey);
        await client.WaitUntil(s => s.Update(ApiKey) is not null && s.Tail.Any(t => t.Text.Contains("detection strategy UNKNOWN(7)", StringComparison.Ordinal)),
            "the update's tail names the strategy number");
        Assert.Equal(DetectionStrategy.Unknown, await client.ReadAsync(s => s.Update(ApiKey)!.DetectionStrategy));
    }

    [Fact]
    public async Task UnknownGatingMode_IsShownUndeterminedWithItsNumber()
    {
        await using var client = await fixture.App.ConnectAsync(WebKey);

        await client.WaitUntil(s => s.Instances.Any(i => i.InstanceId == 0 && i.UpdaterDecision is not null), "the updater's decision for instance 0 arrives");
        Assert.Equal(GatingMode.Undetermined, await client.ReadAsync(s => s.Instances.Single(i => i.InstanceId == 0).UpdaterDecision));
        var detail = await client.Hub.InvokeAsync<InstanceDetail?>(nameof(IDashboardHub.GetInstanceDetail), WebKey, 0).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("UNKNOWN(9) is not a gating mode this dashboard knows", detail!.UpdaterDecisionReason, StringComparison.Ordinal);
        Assert.EndsWith("the scheduler's own words", detail.UpdaterDecisionReason, StringComparison.Ordinal);
        Assert.Empty(detail.Hazards);
    }

    [Fact]
    public async Task UnknownTaskState_IsInTheTimeline_AndTheInstanceKeepsItsLastKnownState()
    {
        await using var client = await fixture.App.ConnectAsync(WebKey);
        await client.WaitUntil(s => s.Tail.Any(t => t.Text == "#1 UNKNOWN(17) odd state"), "the odd state reaches the event tail");

        var detail = await client.Hub.InvokeAsync<InstanceDetail?>(nameof(IDashboardHub.GetInstanceDetail), WebKey, 1).WaitAsync(TimeSpan.FromSeconds(30));
        var last = detail!.Timeline[^1];
        Assert.Equal(("UNKNOWN(17)", "odd state"), (last.StateName(), last.Message));
        Assert.Equal(TaskState.Running, detail.Instance.TaskStatus);
        Assert.Equal(GatingMode.HealthGated, detail.Instance.GatingMode);

        var update = await fixture.ReadUntil(WebPath, u => Running(u, 1), "instance 1 running");
        Assert.Equal("RUNNING", Instance(update, 1).GetProperty("taskStatus").GetString());
    }

    [Fact]
    public async Task EveryUnknownValue_IsCountedByKind_OnHealthzAndInTheConnectionView_AndNoneIsABadMessage()
    {
        var health = await fixture.ReadUntil("/healthz", h => h.GetProperty("unknownValues").GetInt64() == 4, "four unknown values counted");

        var byKind = health.GetProperty("unknownValuesByKind");
        Assert.Equal((1, 1, 1, 1), (byKind.GetProperty("taskState").GetInt64(), byKind.GetProperty("detectionStrategy").GetInt64(),
            byKind.GetProperty("gatingMode").GetInt64(), byKind.GetProperty("capability").GetInt64()));

        await using var client = await fixture.App.ConnectAsync();
        await client.WaitUntil(s => s.Connection.UnknownValues == 4, "browsers see the count");
        Assert.Equal(0, await client.ReadAsync(s => s.Connection.BadMessages));
    }
}
