namespace Rollout.Domain.Insight;

/// <summary>Instances the updater started together, in one direction, within one rolling run.</summary>
internal sealed class BatchTrack(int index, bool backward, DateTimeOffset startAt, int run)
{
    public int Index { get; } = index;

    public bool Backward { get; } = backward;

    public DateTimeOffset StartAt { get; } = startAt;

    public int Run { get; } = run;

    /// <summary>Instance indexes, in the order they started.</summary>
    public List<int> Members { get; } = [];

    public int Finished { get; set; }

    public int Failed { get; set; }

    /// <summary>When its last member finished; null while any is in flight.</summary>
    public DateTimeOffset? EndAt { get; set; }
}
