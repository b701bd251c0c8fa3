using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

public enum TileChangeKind
{
    /// <summary>The canvas already shows this.</summary>
    None,

    /// <summary>Replace every tile: <see cref="TileChange.Ids"/> lists the instances in grid order.</summary>
    Full,

    /// <summary>Recolour a few tiles: <see cref="TileChange.Positions"/> says which.</summary>
    Patch,
}

/// <summary>
/// One message for the canvas. Colours and marks are <see cref="TileTone"/> and <see cref="TileMarks"/>
/// bytes, one per id (full) or per position (patch). Byte arrays cross JS interop as Uint8Array.
/// </summary>
public sealed record TileChange(TileChangeKind Kind, int[] Ids, int[] Positions, byte[] Colors, byte[] Marks)
{
    public static TileChange None { get; } = new(TileChangeKind.None, [], [], [], []);
}

/// <summary>
/// Remembers what was last sent to the canvas and works out the smallest message that brings it up
/// to date: nothing, a patch of the tiles whose colour or marks changed, or a full set when the
/// instance ids (count or order) or the colour-by mode changed.
/// </summary>
public sealed class TileDiff
{
    private readonly Dictionary<int, int> _positions = [];
    private int[] _ids = [];
    private byte[] _colors = [];
    private byte[] _marks = [];

    // The records seen last time, by position: an unchanged reference means an unchanged instance,
    // which spares recomputing 10,000 tones when one instance moved. Only the first Count entries count.
    private InstanceView[] _views = [];

    // Where the next input is copied before comparing; swapped with _views, so steady updates allocate nothing.
    private InstanceView[] _incoming = [];
    private ColorBy? _colorBy;

    public int Count => _ids.Length;

    public int HazardCount { get; private set; }

    /// <summary>Brings the remembered state up to <paramref name="instances"/> and says what changed.</summary>
    public TileChange Update(IReadOnlyCollection<InstanceView> instances, ColorBy colorBy)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var count = CopyIncoming(instances);
        (_views, _incoming) = (_incoming, _views);
        if (colorBy != _colorBy || count != _ids.Length) return Reload(count, colorBy);

        List<int>? positions = null;
        List<byte>? colors = null;
        List<byte>? marks = null;
        for (var position = 0; position < count; position++)
        {
            var view = _views[position];
            if (ReferenceEquals(view, _incoming[position])) continue;
            if (view.InstanceId != _ids[position]) return Reload(count, colorBy);

            var color = (byte)TilePalette.Tone(view, colorBy);
            var mark = (byte)TilePalette.Marks(view);
            if (color == _colors[position] && mark == _marks[position]) continue;
            HazardCount += HazardBit(mark) - HazardBit(_marks[position]);
            _colors[position] = color;
            _marks[position] = mark;
            (positions ??= []).Add(position);
            (colors ??= []).Add(color);
            (marks ??= []).Add(mark);
        }

        return positions is null
            ? TileChange.None
            : new TileChange(TileChangeKind.Patch, [], [.. positions], [.. colors!], [.. marks!]);
    }

    /// <summary>Everything remembered, as a full set (copies: later patches must not alter what was sent).</summary>
    public TileChange Full() => new(TileChangeKind.Full, [.. _ids], [], [.. _colors], [.. _marks]);

    /// <summary>The canvas may have missed a message: the next <see cref="Update"/> sends everything.</summary>
    public void Invalidate() => _colorBy = null;

    /// <summary>The latest record for <paramref name="instanceId"/>, if it is on the grid.</summary>
    public InstanceView? Find(int instanceId) =>
        _positions.TryGetValue(instanceId, out var position) ? _views[position] : null;

    // Copies into a plain array first: walking the store's sorted collection through its interface
    // is several times slower than an array loop under the WebAssembly interpreter.
    private int CopyIncoming(IReadOnlyCollection<InstanceView> instances)
    {
        var count = instances.Count;
        if (_incoming.Length < count) _incoming = new InstanceView[count];
        switch (instances)
        {
            case IReadOnlyList<InstanceView> list:
                for (var i = 0; i < count; i++) _incoming[i] = list[i];
                break;
            case ICollection<InstanceView> collection:
                collection.CopyTo(_incoming, 0);
                break;
            default:
                var position = 0;
                foreach (var view in instances)
                {
                    if (position == count) break;
                    _incoming[position++] = view;
                }

                break;
        }

        return count;
    }

    private TileChange Reload(int count, ColorBy colorBy)
    {
        _ids = new int[count];
        _colors = new byte[count];
        _marks = new byte[count];
        _positions.Clear();
        HazardCount = 0;
        for (var position = 0; position < count; position++)
        {
            var view = _views[position];
            _ids[position] = view.InstanceId;
            _colors[position] = (byte)TilePalette.Tone(view, colorBy);
            _marks[position] = (byte)TilePalette.Marks(view);
            HazardCount += HazardBit(_marks[position]);
            _positions.TryAdd(view.InstanceId, position);
        }

        _colorBy = colorBy;
        return Full();
    }

    private static int HazardBit(byte marks) => (marks & (byte)TileMarks.Hazard) != 0 ? 1 : 0;
}
