using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Domain.Recording;

/// <summary>The upstream stream (feed) an event arrived on.</summary>
public enum RecordedFeed
{
    Status,
    Updater,
}

/// <summary>One event of a recording, as it arrived on its stream.</summary>
public abstract record RecordedEvent
{
    public abstract RecordedFeed Feed { get; }

    /// <summary>The scheduler's time of the event.</summary>
    public abstract DateTimeOffset Timestamp { get; }
}

/// <summary>A task status update of one of the update's instances.</summary>
/// <param name="Prior">
/// The instance's state before the update started: its current task's latest event stamped before the
/// update's start, copied from what the dashboard held when the update's start arrived, so a replay
/// begins from known state.
/// </param>
public sealed record RecordedStatus(TaskStatusUpdate Update, bool Prior = false) : RecordedEvent
{
    public override RecordedFeed Feed => RecordedFeed.Status;

    public override DateTimeOffset Timestamp => Update.Timestamp;
}

/// <summary>One of the update's own updater events. Equal by value, the lists of an update's start included.</summary>
public sealed record RecordedUpdater(UpdaterEvent Event) : RecordedEvent
{
    public override RecordedFeed Feed => RecordedFeed.Updater;

    public override DateTimeOffset Timestamp => Event.Timestamp;

    public bool Equals(RecordedUpdater? other) =>
        other is not null && (ReferenceEquals(this, other) || EventEquality.Same(Event, other.Event));

    public override int GetHashCode() => EventEquality.HashOf(Event);
}
