using Rollout.Domain.Insight;

namespace Rollout.Client.Services;

/// <summary>
/// Insight fetched on demand (not pushed): a live update's, or a held recording's at a replay position.
/// Every call answers null when it could not be fetched; the page keeps what it showed.
/// </summary>
public interface IInsightService
{
    Task<InsightView?> GetInsightAsync(string updateKey);

    Task<TimelineDetail?> GetTimelineDetailAsync(string updateKey, int batchIndex);

    Task<IReadOnlyList<InsightSummary>?> GetInsightSummariesAsync();

    Task<InsightView?> GetReplayInsightAsync(string replayId, DateTimeOffset at);

    Task<TimelineDetail?> GetReplayTimelineDetailAsync(string replayId, DateTimeOffset at, int batchIndex);
}
