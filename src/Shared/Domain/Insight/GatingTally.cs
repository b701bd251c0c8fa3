using Rollout.Domain.Gating;

namespace Rollout.Domain.Insight;

/// <summary>
/// Per-task gating time, added up: each task the updater decided on counts once, when the instance
/// moves on to another task (finalized) or, for the current one, when a view is built.
/// </summary>
internal sealed class GatingTally
{
    /// <summary>STARTING to RUNNING of each health-gated task: its time in health checks.</summary>
    public List<long> GatedCheckMs { get; } = [];

    /// <summary>STARTING to RUNNING of each watch_secs task: how long starting takes without gating.</summary>
    public List<long> WatchStartMs { get; } = [];

    /// <summary>Time watch_secs tasks spent counting down, each at most watch_secs.</summary>
    public long WatchMs { get; set; }

    public int WatchTasks { get; set; }

    public GatingTally Copy()
    {
        var copy = new GatingTally { WatchMs = WatchMs, WatchTasks = WatchTasks };
        copy.GatedCheckMs.AddRange(GatedCheckMs);
        copy.WatchStartMs.AddRange(WatchStartMs);
        return copy;
    }

    /// <summary>Adds the instance's current task as it stands at <paramref name="asOf"/>.</summary>
    public void Add(InstanceTrack track, int watchSecs, DateTimeOffset asOf)
    {
        // A task from before the update (a no-op instance the updater still looked at) is not the update's to count.
        if (!track.TaskIsNew || track.CurrentDecision is not { } decision || track.RunningAt is not { } running) return;
        long? startToRun = track.StartingAt is { } starting ? Math.Max(0, (running - starting).Ticks / TimeSpan.TicksPerMillisecond) : null;
        switch (decision.Mode)
        {
            case GatingMode.HealthGated:
                if (startToRun is { } check) GatedCheckMs.Add(check);
                break;
            case GatingMode.WatchSecs:
                WatchTasks++;
                if (startToRun is { } start) WatchStartMs.Add(start);
                var end = Min(Min(track.CountedAt, track.EndedAt), asOf);
                var watched = Math.Clamp((end - running).Ticks / TimeSpan.TicksPerMillisecond, 0, watchSecs * 1000L);
                WatchMs += watched;
                break;
        }
    }

    private static DateTimeOffset Min(DateTimeOffset? a, DateTimeOffset? b) =>
        a is { } x ? (b is { } y && y < x ? y : x) : b ?? DateTimeOffset.MaxValue;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
