using System.Numerics;

namespace Rollout.Server.ReadModel;

/// <summary>
/// A list one writer appends to while any number of readers read it, without a lock. Items live in
/// chunks that never move (64, 128, ... 4096 items, then 4096 each, so at most one chunk stands
/// half-empty); an item is written before the count that covers it is published, so a reader that
/// reads <see cref="Count"/> first can read every item below it. Append is O(1).
/// </summary>
internal sealed class AppendOnlyList<T>
    where T : class
{
    private const int FirstShift = 6;                 // the first chunk holds 64 items
    private const int GrowingChunks = 7;              // 64 .. 4096
    private const int LastChunkSize = 1 << (FirstShift + GrowingChunks - 1);
    private const int GrowingItems = (1 << FirstShift) * ((1 << GrowingChunks) - 1); // 8128 in the growing chunks

    private T[][] _chunks = new T[4][];
    private int _count;

    /// <summary>Items a reader may read: all below this are written.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Single writer only.</summary>
    public void Add(T item)
    {
        var index = _count;
        var (chunk, offset) = Locate(index);
        if (offset == 0)
        {
            if (chunk == _chunks.Length)
            {
                // Readers holding the old directory still find every chunk they can reach through it.
                var grown = new T[_chunks.Length * 2][];
                Array.Copy(_chunks, grown, _chunks.Length);
                Volatile.Write(ref _chunks, grown);
            }

            _chunks[chunk] = new T[chunk < GrowingChunks ? 1 << (FirstShift + chunk) : LastChunkSize];
        }

        _chunks[chunk][offset] = item;
        Volatile.Write(ref _count, index + 1);
    }

    /// <summary>The item at <paramref name="index"/>, which must be below <see cref="Count"/> as read before.</summary>
    public T this[int index]
    {
        get
        {
            var (chunk, offset) = Locate(index);
            return Volatile.Read(ref _chunks)[chunk][offset];
        }
    }

    /// <summary>The first <paramref name="count"/> items (at most <see cref="Count"/> as read before).</summary>
    public T[] ToArray(int count)
    {
        var chunks = Volatile.Read(ref _chunks);
        var items = new T[count];
        var copied = 0;
        for (var chunk = 0; copied < count; chunk++)
        {
            var source = chunks[chunk];
            var take = Math.Min(source.Length, count - copied);
            Array.Copy(source, 0, items, copied, take);
            copied += take;
        }

        return items;
    }

    private static (int Chunk, int Offset) Locate(int index)
    {
        if (index < GrowingItems)
        {
            // Chunk k starts at 64 * (2^k - 1).
            var chunk = BitOperations.Log2((uint)((index >> FirstShift) + 1));
            return (chunk, index - ((1 << FirstShift) * ((1 << chunk) - 1)));
        }

        var past = index - GrowingItems;
        return (GrowingChunks + (past / LastChunkSize), past % LastChunkSize);
    }
}
