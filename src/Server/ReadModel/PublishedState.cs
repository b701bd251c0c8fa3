using System.Collections.Immutable;
using Rollout.Domain.Dashboard;

namespace Rollout.Server.ReadModel;

/// <summary>One instance as last published: its row, and the facts its detail is explained from.</summary>
internal sealed record PublishedInstance(InstanceView Row, InstanceState State, TaskTrack? Track);

/// <summary>One update as last published. Never changed once published: readers need no lock.</summary>
/// <param name="Ids">The update's instance ids when published (the fold's array, shared).</param>
/// <param name="Version">The version of the last batch of this update's view.</param>
/// <param name="Journal">The update's journal: append-only, read without a lock as of the moment it is read.</param>
internal sealed record PublishedUpdate(
    UpdateView Header,
    UpdateContext Context,
    int[] Ids,
    PublishedInstance[] Instances,
    StatusChangeView[] History,
    EventTailItem[] Tail,
    long Version,
    UpdateJournal Journal)
{
    // Packed once per published version, however many browsers open or resnapshot the view. Keyed by
    // the instances array, so a copy made with `with` that changes the instances never reuses it.
    private (PublishedInstance[] Of, byte[] Rows)? _packed;

    /// <summary>Every instance's row, packed for a snapshot.</summary>
    public byte[] PackedRows()
    {
        if (_packed is { } packed && ReferenceEquals(packed.Of, Instances)) return packed.Rows;
        var rows = InstanceRowCodec.Encode(Array.ConvertAll(Instances, i => i.Row));
        _packed = (Instances, rows); // a race packs twice, never wrongly: both results are equal
        return rows;
    }

    public PublishedInstance? Instance(int id)
    {
        var at = Array.BinarySearch(Ids, id);
        return at >= 0 ? Instances[at] : null;
    }
}

/// <summary>
/// Everything browsers and the API read, as of the latest publish. Immutable and swapped whole, so
/// snapshots, details and the JSON API never wait for the fold.
/// </summary>
internal sealed record PublishedState(
    string Epoch,
    long Version,
    ConnectionView Connection,
    long SchedulerAheadMs,
    long ListVersion,
    ImmutableDictionary<string, PublishedUpdate> Updates)
{
    public static PublishedState Initial(string epoch) =>
        new(epoch, 0, ConnectionView.Initial, 0, 0, ImmutableDictionary.Create<string, PublishedUpdate>(StringComparer.Ordinal));
}

/// <summary>One publish: the batch of every view that changed, keyed by view name.</summary>
public sealed record ChangeSet(long Version, IReadOnlyDictionary<string, DeltaBatch> Batches);
