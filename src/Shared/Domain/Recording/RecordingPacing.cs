namespace Rollout.Domain.Recording;

/// <summary>
/// When each event of a recording is due in a replay, from the replay's start. The replay starts
/// with the recording's first event, so the first is due at once; events keep their arrival order, so
/// an event stamped earlier than one before it (the streams are independent) is due with it, never
/// before. Prior state is due at once: it may be days older than the update.
/// </summary>
public static class RecordingPacing
{
    public static TimeSpan[] Offsets(IReadOnlyList<RecordedEvent> events)
    {
        var offsets = new TimeSpan[events.Count];
        DateTimeOffset? origin = null;
        var due = TimeSpan.Zero;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e is not RecordedStatus { Prior: true })
            {
                origin ??= e.Timestamp;
                var at = e.Timestamp - origin.Value;
                if (at > due) due = at;
            }

            offsets[i] = due;
        }

        return offsets;
    }
}
