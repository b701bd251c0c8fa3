using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>What changed since the last publish: instances, headers, appends, removals. Many changes to one instance are one entry.</summary>
internal sealed class ChangeTracker
{
    public Dictionary<UpdateKey, HashSet<int>> Instances { get; } = [];

    public HashSet<UpdateKey> Headers { get; } = [];

    public Dictionary<UpdateKey, Queue<StatusChangeView>> History { get; } = [];

    public Dictionary<UpdateKey, Queue<EventTailItem>> Tail { get; } = [];

    /// <summary>Keys of updates dropped by retention.</summary>
    public HashSet<string> Removed { get; } = new(StringComparer.Ordinal);

    public bool Connection { get; set; }

    /// <summary>The upstream's log restarted: every view starts over.</summary>
    public bool Epoch { get; set; }

    public bool Any => Instances.Count > 0 || Headers.Count > 0 || History.Count > 0 || Tail.Count > 0 || Removed.Count > 0 || Connection || Epoch;

    public void Instance(UpdateKey update, int id)
    {
        if (!Instances.TryGetValue(update, out var ids))
        {
            ids = [];
            Instances[update] = ids;
        }

        ids.Add(id);
    }

    public void AllInstances(UpdateState update)
    {
        foreach (var id in update.InstanceIds) Instance(update.Key, id);
    }

    public void Appended(UpdateKey update, StatusChangeView change) => Add(History, update, change, DashboardStore.MaxHistory);

    public void Appended(UpdateKey update, EventTailItem item) => Add(Tail, update, item, DashboardStore.MaxTail);

    public void Remove(UpdateState update)
    {
        Removed.Add(update.KeyText);
        Instances.Remove(update.Key);
        Headers.Remove(update.Key);
        History.Remove(update.Key);
        Tail.Remove(update.Key);
    }

    public void Clear()
    {
        Instances.Clear();
        Headers.Clear();
        History.Clear();
        Tail.Clear();
        Removed.Clear();
        Connection = false;
        Epoch = false;
    }

    // Browsers keep only the latest items, so older pending appends need not travel. A queue, as a
    // busy update drops its oldest pending append on every event.
    private static void Add<T>(Dictionary<UpdateKey, Queue<T>> pending, UpdateKey update, T item, int max)
    {
        if (!pending.TryGetValue(update, out var items))
        {
            items = new Queue<T>();
            pending[update] = items;
        }

        items.Enqueue(item);
        if (items.Count > max) items.Dequeue();
    }
}
