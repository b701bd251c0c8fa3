using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;

namespace Rollout.Server.ReadModel;

/// <summary>The read side: everything here reads the published state only and never waits for the fold.</summary>
public sealed partial class DashboardModel
{
    public ListSnapshot ListSnapshot()
    {
        var state = Published;
        return new ListSnapshot(state.Epoch, state.ListVersion, ClockOf(state), state.Connection,
            state.Updates.Values.OrderBy(u => u.Header.Created).Select(u => u.Header).ToArray());
    }

    public UpdateSnapshot UpdateSnapshot(string updateKey)
    {
        var state = Published;
        return state.Updates.TryGetValue(updateKey, out var update)
            ? new UpdateSnapshot(state.Epoch, update.Version, ClockOf(state), state.Connection, update.Header,
                update.PackedRows(), update.History, update.Tail)
            : new UpdateSnapshot(state.Epoch, 0, ClockOf(state), state.Connection, null, [], [], []);
    }

    public IReadOnlyList<UpdateView> Updates() => ListSnapshot().Updates;

    /// <summary>One update's header and instances with their gating reasons, for the JSON API.</summary>
    public (UpdateView Update, IReadOnlyList<(InstanceView Row, string GatingReason)> Instances)? Update(UpdateKey key, int offset = 0, int limit = int.MaxValue)
    {
        if (!Published.Updates.TryGetValue(DashboardKeys.Of(key), out var update)) return null;
        var page = update.Instances.Skip(Math.Max(0, offset)).Take(Math.Max(0, limit))
            .Select(i => (i.Row, InstanceProjector.Reason(update.Context, i.Row.InstanceId, i.State, i.Track))).ToArray();
        return (update.Header, page);
    }

    /// <summary>
    /// The update's recording as of now: every raw event of it the model journaled, from both streams
    /// in arrival order (see <see cref="UpdateJournal"/>). Null for an update the model does not hold.
    /// Reads the published journal without waiting for the fold.
    /// </summary>
    public UpdateRecording? Recording(UpdateKey key) =>
        Published.Updates.TryGetValue(DashboardKeys.Of(key), out var update) ? update.Journal.Recording(key, _time.GetUtcNow()) : null;

    public InstanceDetail? Detail(UpdateKey key, int instanceId)
    {
        var keyText = DashboardKeys.Of(key);
        if (!Published.Updates.TryGetValue(keyText, out var update)) return null;
        return update.Instance(instanceId) is { } instance
            ? InstanceProjector.Detail(keyText, update.Context, instanceId, instance.State, instance.Track)
            : null;
    }
}
