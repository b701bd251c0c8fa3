using Rollout.Domain.Streams;

namespace Rollout.Server.Upstream;

/// <summary>Live events read but not yet folded: their items for the model, their positions for resuming and reporting.</summary>
internal sealed class LiveBatch<TItem>(int capacity)
{
    private readonly List<TItem> _items = new(capacity);
    private readonly List<StreamPosition> _positions = new(capacity);

    public int Count => _items.Count;

    public IReadOnlyList<TItem> Items => _items;

    public IReadOnlyList<StreamPosition> Positions => _positions;

    public void Add(LiveEvent<TItem> live)
    {
        _items.Add(live.Item);
        _positions.Add(live.Position);
    }

    public void Clear()
    {
        _items.Clear();
        _positions.Clear();
    }
}
