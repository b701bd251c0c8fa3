using Rollout.Client.Services;
using Rollout.Domain.Insight;

namespace Rollout.Client.Tests.Support;

/// <summary>Answers insight requests with what the test sets, and records what was asked.</summary>
public sealed class FakeInsightService : IInsightService
{
    /// <summary>What GetInsightAsync answers, by update key; a missing key answers null (the fetch failed).</summary>
    public Dictionary<string, InsightView> Insights { get; } = [];

    /// <summary>What detail requests answer, by batch index.</summary>
    public Dictionary<int, TimelineDetail> Details { get; } = [];

    /// <summary>What GetInsightSummariesAsync answers; null: the fetch failed.</summary>
    public IReadOnlyList<InsightSummary>? Summaries { get; set; } = [];

    /// <summary>What replay requests answer for a position (null: the fetch failed).</summary>
    public Func<string, DateTimeOffset, InsightView?> Replay { get; set; } = (_, _) => null;

    public List<string> Requests { get; } = [];

    public Task<InsightView?> GetInsightAsync(string updateKey)
    {
        Requests.Add($"insight {updateKey}");
        return Task.FromResult(Insights.GetValueOrDefault(updateKey));
    }

    public Task<TimelineDetail?> GetTimelineDetailAsync(string updateKey, int batchIndex)
    {
        Requests.Add($"detail {updateKey} {batchIndex}");
        return Task.FromResult(Details.GetValueOrDefault(batchIndex));
    }

    public Task<IReadOnlyList<InsightSummary>?> GetInsightSummariesAsync()
    {
        Requests.Add("summaries");
        return Task.FromResult(Summaries);
    }

    public Task<InsightView?> GetReplayInsightAsync(string replayId, DateTimeOffset at)
    {
        Requests.Add($"replay {replayId} {at:O}");
        return Task.FromResult(Replay(replayId, at));
    }

    public Task<TimelineDetail?> GetReplayTimelineDetailAsync(string replayId, DateTimeOffset at, int batchIndex)
    {
        Requests.Add($"replay-detail {replayId} {at:O} {batchIndex}");
        return Task.FromResult(Details.GetValueOrDefault(batchIndex));
    }
}
