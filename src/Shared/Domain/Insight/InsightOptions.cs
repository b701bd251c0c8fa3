namespace Rollout.Domain.Insight;

/// <summary>Knobs of the insight views; the defaults suit a canvas about 240 px wide.</summary>
public sealed record InsightOptions
{
    public static InsightOptions Default { get; } = new();

    /// <summary>Samples per lane of the aggregate timeline (one per canvas column).</summary>
    public int Columns { get; init; } = 240;

    /// <summary>At most this many lanes: consecutive batches share a lane past it.</summary>
    public int MaxLanes { get; init; } = 20;

    /// <summary>Instance ids a blocking reason lists before it only counts.</summary>
    public int MaxListedInstances { get; init; } = 10;

    /// <summary>
    /// Instance starts this close together belong to one batch. The emulator stamps a batch's starts
    /// with one instant; a real scheduler stamps each as it records it, a few milliseconds apart.
    /// </summary>
    public TimeSpan BatchJoinWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An event that lands before what a fold has applied (one stream lagging the other) and is stamped
    /// at most this much before the newest event applied is applied where the fold stands, a phase
    /// change it makes dated no earlier than the instance's last; an older one refolds from the start.
    /// </summary>
    public TimeSpan LateEventWindow { get; init; } = TimeSpan.FromSeconds(10);
}
