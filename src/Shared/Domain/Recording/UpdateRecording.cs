using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Domain.Recording;

/// <summary>
/// Every raw event of one update that reached the dashboard, from both upstream streams in the order
/// they arrived: the update's own updater events, and the status updates of its instances from its
/// start until shortly after it ended (the first <see cref="PriorEventCount"/> of them flagged as the
/// state before it started). Equal by value, event by event.
/// </summary>
/// <param name="RecordedAt">When the recording was taken (the dashboard's clock).</param>
/// <param name="Truncated">The journal reached its cap: <paramref name="DroppedEvents"/> later events are missing, the recording is the prefix before them.</param>
public sealed record UpdateRecording(
    UpdateKey Update,
    DateTimeOffset RecordedAt,
    IReadOnlyList<RecordedEvent> Events,
    bool Truncated = false,
    long DroppedEvents = 0)
{
    public int StatusEventCount => Count(RecordedFeed.Status);

    public int UpdaterEventCount => Count(RecordedFeed.Updater);

    public int PriorEventCount
    {
        get
        {
            var count = 0;
            foreach (var e in Events)
            {
                if (e is RecordedStatus { Prior: true }) count++;
            }

            return count;
        }
    }

    /// <summary>The status stream's events, in arrival order (prior state included).</summary>
    public IEnumerable<TaskStatusUpdate> StatusUpdates() => Events.OfType<RecordedStatus>().Select(e => e.Update);

    /// <summary>The updater stream's events, in arrival order.</summary>
    public IEnumerable<UpdaterEvent> UpdaterEvents() => Events.OfType<RecordedUpdater>().Select(e => e.Event);

    public bool Equals(UpdateRecording? other) =>
        other is not null && Update == other.Update && RecordedAt == other.RecordedAt && Truncated == other.Truncated
        && DroppedEvents == other.DroppedEvents && Events.SequenceEqual(other.Events);

    public override int GetHashCode() => HashCode.Combine(Update, RecordedAt, Truncated, DroppedEvents, Events.Count);

    private int Count(RecordedFeed feed)
    {
        var count = 0;
        foreach (var e in Events)
        {
            if (e.Feed == feed) count++;
        }

        return count;
    }
}
