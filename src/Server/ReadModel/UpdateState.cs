using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>
/// What the updater said of one instance. Immutable, so published state can share it.
/// <paramref name="Failed"/>: the update failed this instance at some point, even if a later action
/// (its rollback) is the latest; the header counts it.
/// </summary>
internal sealed record InstanceState(InstanceActionRecorded? Action, GatingDecisionMade? Decision, bool Failed = false)
{
    public static InstanceState None { get; } = new(null, null);
}

/// <summary>One update folded from the updater stream, and the journal of its raw events.</summary>
internal sealed class UpdateState(UpdateKey key, RecordingCounters recordings)
{
    public UpdateKey Key { get; } = key;

    /// <summary>Goes with the update: the model's retention of updates bounds the journals too.</summary>
    public UpdateJournal Journal { get; } = new(recordings);

    public string KeyText { get; } = DashboardKeys.Of(key);

    public UpdateStarted? Started { get; private set; }

    public UpdateStatus Status { get; set; } = UpdateStatus.RollingForward;

    public DateTimeOffset LastModified { get; set; }

    /// <summary>For coordinated updates: when the update blocks unless pulsed again.</summary>
    public DateTimeOffset? PulseDeadline { get; set; }

    public List<StatusChangeView> History { get; } = [];

    public Queue<EventTailItem> Tail { get; } = new();

    public Dictionary<int, InstanceState> Instances { get; } = [];

    /// <summary>Every instance id of the update, ascending: its ranges and any instance the updater named.</summary>
    public int[] InstanceIds { get; private set; } = [];

    public DateTimeOffset Created => Started?.Timestamp ?? LastModified;

    public void Start(UpdateStarted started)
    {
        Started = started;
        RefreshIds();
    }

    public InstanceState Instance(int id) => Instances.GetValueOrDefault(id) ?? InstanceState.None;

    public void SetInstance(int id, InstanceState state)
    {
        var known = Instances.ContainsKey(id);
        Instances[id] = state;
        if (!known && Array.BinarySearch(InstanceIds, id) < 0) RefreshIds();
    }

    public void AddHistory(StatusChangeView change)
    {
        History.Add(change);
        if (History.Count > DashboardStore.MaxHistory) History.RemoveAt(0);
    }

    public EventTailItem AddTail(DateTimeOffset at, string text)
    {
        var item = new EventTailItem(at, text);
        Tail.Enqueue(item);
        if (Tail.Count > DashboardStore.MaxTail) Tail.Dequeue();
        return item;
    }

    private void RefreshIds()
    {
        var ids = new SortedSet<int>(Instances.Keys);
        if (Started is not null)
        {
            foreach (var range in Started.InitialInstances.Concat(Started.DesiredInstances)) ids.UnionWith(range.Ids());
        }

        InstanceIds = [.. ids];
    }
}
