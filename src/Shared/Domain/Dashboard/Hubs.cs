using Rollout.Domain.Audit;
using Rollout.Domain.Updates;

namespace Rollout.Domain.Dashboard;

/// <summary>What a browser may ask the dashboard server.</summary>
public interface IDashboardHub
{
    /// <summary>Watch the updates list (and nothing else): its snapshot, then its deltas.</summary>
    Task<ListSnapshot> SubscribeList();

    /// <summary>Watch one update (and nothing else): its snapshot, then its deltas.</summary>
    Task<UpdateSnapshot> SubscribeUpdate(string updateKey);

    Task<InstanceDetail?> GetInstanceDetail(string updateKey, int instanceId);

    Task<ControlResult> PauseUpdate(CommandRequest request);

    Task<ControlResult> ResumeUpdate(CommandRequest request);

    Task<ControlResult> AbortUpdate(CommandRequest request);

    /// <summary>One update's audited commands, newest first (the latest 50).</summary>
    Task<IReadOnlyList<AuditEntryView>> GetAudit(string updateKey);

    /// <summary>Who this connection is signed in as, and which jobs it may operate.</summary>
    Task<SignedInUser> WhoAmI();

    /// <summary>The executor fleet across all updates: hosts, adoption over time, watch_secs fallbacks, what needs attention.</summary>
    Task<Fleet.FleetView> GetFleet();

    /// <summary>One update's insight as of the scheduler's now: why it waits, its ETA, gating savings, strategies, timeline lanes. Null for an unknown update.</summary>
    Task<Insight.InsightView?> GetInsight(string updateKey);

    /// <summary>One batch of an update's timeline, instance by instance. Null for an unknown update or batch.</summary>
    Task<Insight.TimelineDetail?> GetTimelineDetail(string updateKey, int batchIndex);

    /// <summary>The headline and ETA of every active update, for the list.</summary>
    Task<IReadOnlyList<Insight.InsightSummary>> GetInsightSummaries();

    /// <summary>A held recording's insight as of <paramref name="at"/>. Null for an unknown replay.</summary>
    Task<Insight.InsightView?> GetReplayInsight(string replayId, DateTimeOffset at);

    /// <summary>One batch of a held recording's timeline as of <paramref name="at"/>. Null for an unknown replay or batch.</summary>
    Task<Insight.TimelineDetail?> GetReplayTimelineDetail(string replayId, DateTimeOffset at, int batchIndex);
}

/// <summary>What the dashboard server pushes to browsers.</summary>
public interface IDashboardClient
{
    Task ReceiveDeltas(DeltaBatch batch);

    /// <summary>The browser fell behind and its pending deltas were dropped: take a fresh snapshot.</summary>
    Task Resync(string reason);
}

public static class DashboardHubRoute
{
    public const string Path = "/hubs/dashboard";
}
