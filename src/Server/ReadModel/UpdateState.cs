using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

internal sealed class InstanceState(int id)
{
    public int Id { get; } = id;

    public InstanceActionRecorded? Action { get; set; }

    public GatingDecisionMade? Decision { get; set; }
}

/// <summary>One update folded from the updater stream.</summary>
internal sealed class UpdateState(UpdateKey key)
{
    public const int MaxHistory = 100;
    public const int MaxTail = 50;

    public UpdateKey Key { get; } = key;

    public string KeyText { get; } = DashboardKeys.Of(key);

    public UpdateStarted? Started { get; set; }

    public UpdateStatus Status { get; set; } = UpdateStatus.RollingForward;

    public DateTimeOffset LastModified { get; set; }

    /// <summary>For coordinated updates: when the update blocks unless pulsed again.</summary>
    public DateTimeOffset? PulseDeadline { get; set; }

    public List<StatusChangeView> History { get; } = [];

    public LinkedList<EventTailItem> Tail { get; } = new();

    public SortedDictionary<int, InstanceState> Instances { get; } = [];

    /// <summary>The latest projection of each instance, refreshed by any read.</summary>
    public Dictionary<int, InstanceView> Views { get; } = [];

    /// <summary>What the last delta batch carried for each instance; only deltas write it.</summary>
    public Dictionary<int, InstanceView> Sent { get; } = [];

    public DateTimeOffset Created => Started?.Timestamp ?? LastModified;

    public InstanceState Instance(int id)
    {
        if (!Instances.TryGetValue(id, out var instance))
        {
            instance = new InstanceState(id);
            Instances[id] = instance;
        }

        return instance;
    }

    public void AddTail(DateTimeOffset at, string text)
    {
        Tail.AddLast(new EventTailItem(at, text));
        if (Tail.Count > MaxTail) Tail.RemoveFirst();
    }

    public IEnumerable<int> InstanceIds()
    {
        var ids = new SortedSet<int>(Instances.Keys);
        if (Started is not null)
        {
            foreach (var range in Started.InitialInstances.Concat(Started.DesiredInstances)) ids.UnionWith(range.Ids());
        }

        return ids;
    }
}
