namespace Rollout.Domain.Dashboard;

public enum UpstreamState
{
    Connecting,
    Live,
    Reconnecting,
    Lost,
}

/// <summary>The server's link to the scheduler. Times are the server's clock.</summary>
/// <param name="UnknownValues">Values received that this build does not know (enum numbers, capability names): kept, shown as unknown, counted.</param>
public sealed record ConnectionView(
    UpstreamState State,
    DateTimeOffset? Since,
    DateTimeOffset? LastEventAt,
    string Detail,
    long BadMessages,
    long UnknownValues = 0)
{
    public static ConnectionView Initial { get; } = new(UpstreamState.Connecting, null, null, string.Empty, 0);

    /// <summary>Times a stream came back after it had failed (both streams counted).</summary>
    public long Reconnects { get; init; }

    /// <summary>Upstream snapshots received, applied or refused (both streams counted).</summary>
    public long Snapshots { get; init; }

    /// <summary>Live events and snapshots refused for their position: a duplicate, a sequence going backwards, another epoch.</summary>
    public long RejectedEvents { get; init; }
}

/// <summary>
/// The clocks a browser needs to count down without server ticks: the server's clock when this was
/// sent, and how far the scheduler's clock (as estimated from its events) is ahead of the server's.
/// </summary>
public sealed record ClockSync(DateTimeOffset ServerNow, long SchedulerAheadMs);
