using Microsoft.AspNetCore.SignalR;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using Rollout.Server.Replay;

namespace Rollout.Server.Hubs;

public sealed partial class DashboardHub
{
    public Task<InsightView?> GetInsight(string updateKey) => Task.FromResult(insight.View(KeyOf(updateKey)));

    public Task<TimelineDetail?> GetTimelineDetail(string updateKey, int batchIndex) =>
        Task.FromResult(insight.Detail(KeyOf(updateKey), batchIndex));

    public Task<IReadOnlyList<InsightSummary>> GetInsightSummaries() => Task.FromResult(insight.Summaries());

    public Task<InsightView?> GetReplayInsight(string replayId, DateTimeOffset at) => Task.FromResult(replays.View(ReplayIdOf(replayId), at));

    public Task<TimelineDetail?> GetReplayTimelineDetail(string replayId, DateTimeOffset at, int batchIndex) =>
        Task.FromResult(replays.Detail(ReplayIdOf(replayId), at, batchIndex));

    private static UpdateKey KeyOf(string? updateKey) =>
        updateKey is { Length: > 0 and <= MaxKeyLength } && DashboardKeys.Parse(updateKey) is { } key
            ? key
            : throw new HubException($"'{Truncate(updateKey)}' is not an update key (role/env/name#id)");

    private static string ReplayIdOf(string? replayId) =>
        ReplayStore.IsId(replayId) ? replayId! : throw new HubException($"'{Truncate(replayId)}' is not a replay id (16 hex digits)");
}
