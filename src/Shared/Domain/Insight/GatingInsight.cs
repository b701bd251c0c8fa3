namespace Rollout.Domain.Insight;

/// <summary>
/// How an update's instances are gated, by the updater's latest decision for each: a fleet view adds
/// these up with <see cref="Add"/> or <see cref="Sum"/>.
/// </summary>
/// <param name="Undetermined">No decision yet (not RUNNING yet, not started, a no-op) or an undetermined one.</param>
public sealed record GatingShare(int HealthGated, int WatchSecs, int Undetermined)
{
    public static GatingShare None { get; } = new(0, 0, 0);

    public int Total => HealthGated + WatchSecs + Undetermined;

    /// <summary>Health-gated instances among those decided, 0..1; 0 when none is decided.</summary>
    public double GatedFraction => HealthGated + WatchSecs == 0 ? 0 : (double)HealthGated / (HealthGated + WatchSecs);

    public GatingShare Add(GatingShare other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(HealthGated + other.HealthGated, WatchSecs + other.WatchSecs, Undetermined + other.Undetermined);
    }

    public static GatingShare Sum(IEnumerable<GatingShare> shares) => shares.Aggregate(None, (a, b) => a.Add(b));
}

/// <summary>
/// Health gating against watch_secs in one update, in instance-time. Each task the updater decided on
/// counts once (a rollback's tasks too).
/// </summary>
/// <param name="WatchTime">Time watch_secs tasks spent RUNNING waiting out watch_secs (each at most watch_secs).</param>
/// <param name="CheckTime">Time health-gated tasks spent STARTING until their checks passed and they were RUNNING.</param>
/// <param name="BaselineStart">
/// The median STARTING to RUNNING of this update's watch_secs tasks: what starting takes with no checks
/// to wait for. Null with none observed; health checking then counts whole as extra.
/// </param>
/// <param name="Saved">For each gated task, the watch_secs it skipped less its extra check time (beyond the baseline).</param>
/// <param name="TypicalExtraCheck">The median extra check time of the gated tasks; null when none is observed yet.</param>
/// <param name="WouldHaveSaved">
/// What gating would have saved the watch_secs tasks, had they been gated: each watch_secs less the typical extra
/// check time; null when no gated task is observed yet to tell.
/// </param>
public sealed record GatingInsight(
    GatingShare Share,
    TimeSpan WatchTime,
    TimeSpan CheckTime,
    int GatedTasks,
    int WatchTasks,
    TimeSpan? BaselineStart,
    TimeSpan Saved,
    TimeSpan? TypicalExtraCheck,
    TimeSpan? WouldHaveSaved,
    string Explanation);
