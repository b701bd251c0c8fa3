namespace Rollout.Domain.Insight;

public enum EtaKind
{
    /// <summary>A range is given.</summary>
    Estimate,

    /// <summary>Nothing observed yet to estimate from; the explanation says why.</summary>
    Unknown,

    /// <summary>The update is terminal: nothing remains.</summary>
    Finished,
}

/// <summary>
/// How much rolling time the update (or its rollback, when <see cref="Backward"/>) still needs, as a
/// range. The durations are rolling time: while <see cref="Suspended"/> (paused, awaiting a pulse) the
/// range counts from when it rolls again, and <see cref="ExpectedFinish"/> is null.
/// </summary>
/// <param name="BatchesDone">Batches of this direction that finished (queue strategy: instances).</param>
/// <param name="BatchesLeft">Batches in flight or still to start (queue strategy: instances).</param>
/// <param name="InstancesLeft">Instances of this direction in flight or not started.</param>
/// <param name="Explanation">The plain-words hover: what was observed, what is left, the range.</param>
public sealed record UpdateEta(
    EtaKind Kind,
    TimeSpan? Low,
    TimeSpan? Expected,
    TimeSpan? High,
    DateTimeOffset? ExpectedFinish,
    bool Backward,
    bool Suspended,
    int BatchesDone,
    int BatchesLeft,
    int InstancesLeft,
    string Explanation)
{
    public static UpdateEta Unknown(string why, bool backward = false, bool suspended = false, int instancesLeft = 0) =>
        new(EtaKind.Unknown, null, null, null, null, backward, suspended, 0, 0, instancesLeft, why);
}
