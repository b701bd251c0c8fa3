using Microsoft.AspNetCore.SignalR.Client;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Insight;

namespace Rollout.Client.Services;

/// <summary>Insight over the same hub link: asked for, never pushed.</summary>
public sealed partial class DashboardConnection : IInsightService
{
    public Task<InsightView?> GetInsightAsync(string updateKey) =>
        AskAsync<InsightView?>(Operations.Insight, nameof(IDashboardHub.GetInsight), updateKey);

    public Task<TimelineDetail?> GetTimelineDetailAsync(string updateKey, int batchIndex) =>
        AskAsync<TimelineDetail?>(Operations.Insight, nameof(IDashboardHub.GetTimelineDetail), updateKey, batchIndex);

    public Task<IReadOnlyList<InsightSummary>?> GetInsightSummariesAsync() =>
        AskAsync<IReadOnlyList<InsightSummary>?>(Operations.Insight, nameof(IDashboardHub.GetInsightSummaries));

    public Task<InsightView?> GetReplayInsightAsync(string replayId, DateTimeOffset at) =>
        AskAsync<InsightView?>(Operations.Replay, nameof(IDashboardHub.GetReplayInsight), replayId, at);

    public Task<TimelineDetail?> GetReplayTimelineDetailAsync(string replayId, DateTimeOffset at, int batchIndex) =>
        AskAsync<TimelineDetail?>(Operations.Replay, nameof(IDashboardHub.GetReplayTimelineDetail), replayId, at, batchIndex);

    private async Task<T?> AskAsync<T>(string operation, string method, params object?[] args)
    {
        if (_hub is null || _hub.State != HubConnectionState.Connected) return default;
        try
        {
            var answer = await _hub.InvokeCoreAsync<T>(method, args, _stop);
            _failures.Succeeded(operation);
            return answer;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            _failures.Failed(operation, ex);
            return default;
        }
    }
}
