namespace Rollout.Domain.Model;

/// <summary>
/// The most the dashboard takes from a scheduler, so that a broken or hostile upstream cannot make
/// it hold or enumerate without bound. Past a limit an identifier, count or id is bad data (the
/// message is rejected where it is read and the stream goes on); free text is cut instead.
/// </summary>
public static class UpstreamLimits
{
    /// <summary>
    /// Highest instance id. Ids are dense from 0, so this admits jobs of 100,000 instances (as many
    /// as an emulator scenario may have), far larger than real jobs; every id can become a row the
    /// dashboard keeps.
    /// </summary>
    public const int MaxInstanceId = 99_999;

    /// <summary>Instances one range may name: every id of the largest accepted job.</summary>
    public const int MaxInstancesPerRange = MaxInstanceId + 1;

    /// <summary>
    /// Instances of one update's initial and desired ranges together, an instance in both counted
    /// twice: that is what the read model enumerates under its lock, overlaps included. Twice the
    /// largest job, so that job can still be replaced whole.
    /// </summary>
    public const int MaxInstancesPerUpdate = 2 * MaxInstancesPerRange;

    /// <summary>
    /// Ranges in one instance list. Schedulers collapse ids into ranges, so a real list has a few;
    /// this still admits a job of 20,000 instances with every other one missing.
    /// </summary>
    public const int MaxInstanceRanges = 10_000;

    /// <summary>
    /// Variable batch sizes of one update. Each is sent to every browser; the last size repeats, so
    /// a plan longer than this is not one anybody wrote.
    /// </summary>
    public const int MaxGroupSizes = 1_000;

    /// <summary>
    /// Identifiers: job key parts, host, user, update id, config version, stream epoch. They are
    /// keys and labels held per task and per update; a host name is at most 253 characters (DNS),
    /// the others are names people type or UUIDs. An overlong one is an error, not text to cut.
    /// </summary>
    public const int MaxIdentifierChars = 256;

    /// <summary>
    /// Task ids: schedulers build them from the job key (three identifiers) plus an instance, a
    /// timestamp and a UUID, so they may be longer than one identifier but no longer than four.
    /// </summary>
    public const int MaxTaskIdChars = 4 * MaxIdentifierChars;

    /// <summary>
    /// Free text (status, update and instance action messages, gating reasons): cut, not refused,
    /// at what the dashboard shows anyway (64 Ki characters). Executors may legally send much more,
    /// but nothing past this is ever shown, so nothing past it is kept.
    /// </summary>
    public const int MaxMessageChars = 64 * 1024;

    /// <summary>
    /// Status items one snapshot may hold: the latest updates of every task the scheduler knows,
    /// with a short history each; 2,000,000 covers 100,000 tasks at 20 apiece.
    /// </summary>
    public const int MaxStatusSnapshotItems = 2_000_000;

    /// <summary>
    /// Updater items one snapshot may hold: start, status changes and instance events of retained
    /// updates; 1,000,000 covers 100 updates of 2,000 instances with 5 events an instance.
    /// </summary>
    public const int MaxUpdaterSnapshotItems = 1_000_000;

    /// <summary>
    /// Wire bytes of the items of one snapshot. The item caps at typical sizes (a few hundred bytes)
    /// fit well inside; without it, 2,000,000 items each near the message cap would be over 120 GiB.
    /// </summary>
    public const long MaxSnapshotBytes = 1L << 30;
}
