namespace Rollout.Domain.Dashboard;

/// <summary>
/// What a browser subscribes to: the updates list (headers only) or one update (header, history,
/// event tail and its instances). Each view has its own ordered deltas.
/// </summary>
public static class DashboardViews
{
    public const string List = "list";

    /// <summary>The view of one update is named by its key ("role/env/name#id").</summary>
    public static string Of(string updateKey) => updateKey;
}

/// <summary>The updates list, tagged (epoch, version).</summary>
public sealed record ListSnapshot(
    string Epoch,
    long Version,
    ClockSync Clock,
    ConnectionView Connection,
    IReadOnlyList<UpdateView> Updates);

/// <summary>One update, tagged (epoch, version). <see cref="Update"/> is null while the dashboard does not know it.</summary>
/// <param name="Rows">Every instance, ordered by id, as <see cref="InstanceRowCodec"/> packs them.</param>
public sealed record UpdateSnapshot(
    string Epoch,
    long Version,
    ClockSync Clock,
    ConnectionView Connection,
    UpdateView? Update,
    byte[] Rows,
    IReadOnlyList<StatusChangeView> History,
    IReadOnlyList<EventTailItem> Tail)
{
    public InstanceView[] DecodeRows() => InstanceRowCodec.Decode(Rows);
}

/// <summary>
/// What changed in one view. A browser at version v applies a batch when
/// <see cref="PreviousVersion"/> &lt;= v &lt; <see cref="Version"/> (nothing changed in this view in
/// between); a batch with a newer previous version means one was missed, and a new epoch means the
/// upstream restarted: both call for a fresh snapshot.
/// </summary>
/// <param name="Updates">Changed headers: every changed update for the list, this update for its own view.</param>
/// <param name="Rows">Changed instances only, one entry each however often they changed, packed by <see cref="InstanceRowCodec"/>.</param>
/// <param name="History">Status changes appended since the previous batch.</param>
/// <param name="Tail">Events appended to the tail since the previous batch.</param>
public sealed record DeltaBatch(
    string View,
    string Epoch,
    long PreviousVersion,
    long Version,
    ClockSync? Clock,
    ConnectionView? Connection,
    IReadOnlyList<UpdateView> Updates,
    IReadOnlyList<string> RemovedUpdates,
    byte[] Rows,
    IReadOnlyList<StatusChangeView> History,
    IReadOnlyList<EventTailItem> Tail)
{
    public InstanceView[] DecodeRows() => InstanceRowCodec.Decode(Rows);
}

/// <summary>A command's target and reason; who asks is the signed-in identity, never a name the browser sends.</summary>
public sealed record CommandRequest(string UpdateKey, string Message);
