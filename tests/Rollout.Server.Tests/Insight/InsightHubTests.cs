using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Insight;

/// <summary>Live insight through the hub (MessagePack, as browsers speak) from the embedded emulator's scenarios.</summary>
public sealed class InsightHubTests
{
    private const string Api = "payments/prod/api#api-1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetInsight_CoordinatedUpdateOutOfPulses_SaysItAwaitsAPulse()
    {
        using var app = new DashboardApp(("Emulator:Scenarios", "coordinated-pulse"));
        await using var browser = await app.ConnectAsync();
        await browser.WaitUntil(s => s.Updates.Any(u => u.Status == UpdateStatus.RollForwardAwaitingPulse), "the update awaiting a pulse", Timeout);
        var key = await browser.ReadAsync(s => s.Updates.Single().Key);

        var view = await browser.Hub.InvokeAsync<InsightView?>(nameof(IDashboardHub.GetInsight), key).WaitAsync(Timeout);

        Assert.NotNull(view);
        Assert.Equal(key, view.UpdateKey);
        Assert.Equal(UpdateStatus.RollForwardAwaitingPulse, view.Status);
        Assert.True(view.Blockers.Has(BlockingKind.AwaitingPulse), string.Join("; ", view.Blockers.Reasons.Select(r => r.Kind)));
        Assert.False(string.IsNullOrWhiteSpace(view.Blockers.Headline));
        Assert.Equal(30, view.Timeline.InstanceCount);
        Assert.NotEmpty(view.Timeline.PulseMs);
    }

    [Fact]
    public async Task GetInsight_PausedUpdate_NamesWhoPausedIt()
    {
        using var app = new DashboardApp();
        await using var browser = await app.ConnectAsync(Api);
        await browser.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollingForward, "rolling", Timeout);
        var result = await browser.SendAsync(ControlCommand.Pause, new CommandRequest(Api, "checking the canary"));
        Assert.Equal(ControlOutcome.Ok, result.Outcome);
        await browser.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollForwardPaused, "paused", Timeout);

        var view = await browser.Hub.InvokeAsync<InsightView?>(nameof(IDashboardHub.GetInsight), Api).WaitAsync(Timeout);

        Assert.NotNull(view);
        Assert.Equal(UpdateStatus.RollForwardPaused, view.Status);
        var paused = view.Blockers.Find(BlockingKind.Paused);
        Assert.NotNull(paused);
        Assert.Contains(DashboardApp.UserName, paused.Text, StringComparison.Ordinal);
        Assert.Contains(DashboardApp.UserName, view.Blockers.Headline, StringComparison.Ordinal);
        Assert.Contains(view.Timeline.OperatorActions, a => a.User == DashboardApp.UserName && a.Status == UpdateStatus.RollForwardPaused);
    }

    [Fact]
    public async Task GetTimelineDetail_BatchZero_HoldsItsInstancesBarsAndUnknownIsNull()
    {
        using var app = new DashboardApp();
        await using var browser = await app.ConnectAsync(Api);
        await browser.WaitUntil(s => s.Update(Api)?.UpdatedCount >= 1, "a first instance updated", Timeout);

        var view = await browser.Hub.InvokeAsync<InsightView?>(nameof(IDashboardHub.GetInsight), Api).WaitAsync(Timeout);
        var detail = await browser.Hub.InvokeAsync<TimelineDetail?>(nameof(IDashboardHub.GetTimelineDetail), Api, 0).WaitAsync(Timeout);
        var noBatch = await browser.Hub.InvokeAsync<TimelineDetail?>(nameof(IDashboardHub.GetTimelineDetail), Api, 999).WaitAsync(Timeout);
        var noUpdate = await browser.Hub.InvokeAsync<TimelineDetail?>(nameof(IDashboardHub.GetTimelineDetail), "payments/prod/api#nope", 0).WaitAsync(Timeout);
        var noView = await browser.Hub.InvokeAsync<InsightView?>(nameof(IDashboardHub.GetInsight), "payments/prod/api#nope").WaitAsync(Timeout);

        Assert.NotNull(view);
        Assert.NotNull(detail);
        var batch = view.Timeline.Batches[0];
        Assert.Equal(batch.InstanceIds.Order(), detail.InstanceIds);
        Assert.Equal(detail.InstanceIds.Length + 1, detail.SegmentOffsets.Length);
        Assert.Equal(detail.SegmentOffsets[^1], detail.SegmentStartMs.Length);
        Assert.Equal(detail.SegmentStartMs.Length, detail.SegmentPhases.Length);
        Assert.True(detail.SegmentStartMs.Length >= detail.InstanceIds.Length, "every instance has a bar");
        Assert.Null(noBatch);
        Assert.Null(noUpdate);
        Assert.Null(noView);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("")]
    public async Task GetInsight_BadKey_IsAHubErrorNamingIt(string key)
    {
        using var app = new DashboardApp();
        await using var browser = await app.ConnectAsync();

        var insight = await Assert.ThrowsAsync<HubException>(() => browser.Hub.InvokeAsync<InsightView?>(nameof(IDashboardHub.GetInsight), key).WaitAsync(Timeout));
        var detail = await Assert.ThrowsAsync<HubException>(() => browser.Hub.InvokeAsync<TimelineDetail?>(nameof(IDashboardHub.GetTimelineDetail), key, 0).WaitAsync(Timeout));

        Assert.Contains("is not an update key", insight.Message, StringComparison.Ordinal);
        Assert.Contains("is not an update key", detail.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInsightSummaries_FinishedAndActiveUpdates_ListsOnlyTheActive()
    {
        using var app = new DashboardApp(("Emulator:Scenarios", "healthy-rollout,coordinated-pulse"));
        await using var browser = await app.ConnectAsync();
        await browser.WaitUntil(s => s.Updates.Any(u => u.Status.IsTerminal()) && s.Updates.Any(u => u.Status == UpdateStatus.RollForwardAwaitingPulse),
            "one update finished, one awaiting a pulse", TimeSpan.FromSeconds(60));
        var active = await browser.ReadAsync(s => s.Updates.Where(u => !u.Status.IsTerminal()).Select(u => u.Key).Order().ToArray());

        var summaries = await browser.Hub.InvokeAsync<IReadOnlyList<InsightSummary>>(nameof(IDashboardHub.GetInsightSummaries)).WaitAsync(Timeout);

        Assert.Equal(active, summaries.Select(s => s.UpdateKey).Order());
        Assert.All(summaries, s => Assert.False(string.IsNullOrWhiteSpace(s.Headline)));
    }
}
