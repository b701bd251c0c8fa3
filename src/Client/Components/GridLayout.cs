namespace Rollout.Client.Components;

/// <summary>
/// Where each tile of the instance grid sits: rows of fixed-size cells that fill the width.
/// wwwroot/js/instance-grid.js does the same arithmetic with these constants (it receives them
/// from the component), so hit tests agree on both sides.
/// </summary>
/// <remarks>
/// A cell is <see cref="Pitch"/> pixels square with the tile centred in it, leaving half the gap on
/// each side; the whole cell belongs to its tile, so a pointer in a gap still hits a tile and the
/// selection and focus rings can be drawn without touching a neighbour.
/// </remarks>
public sealed record GridLayout(int Columns, int Count)
{
    /// <summary>Tile edge in CSS pixels.</summary>
    public const int Tile = 14;

    /// <summary>Space between neighbouring tiles in CSS pixels.</summary>
    public const int Gap = 2;

    /// <summary>Distance from one tile to the next.</summary>
    public const int Pitch = Tile + Gap;

    public int Columns { get; } = Columns > 0 ? Columns : throw new ArgumentOutOfRangeException(nameof(Columns), Columns, "at least one column");

    public int Count { get; } = Count >= 0 ? Count : throw new ArgumentOutOfRangeException(nameof(Count), Count, "no negative counts");

    public static GridLayout ForWidth(double width, int count) => new(ColumnsFor(width), count);

    /// <summary>How many cells fit across <paramref name="width"/> CSS pixels; never fewer than one.</summary>
    public static int ColumnsFor(double width) =>
        double.IsFinite(width) && width >= Pitch ? (int)Math.Floor(width / Pitch) : 1;

    public int Rows => Count == 0 ? 0 : ((Count - 1) / Columns) + 1;

    public int Width => Columns * Pitch;

    public int Height => Rows * Pitch;

    /// <summary>The position (index in grid order) of the tile at (x, y) CSS pixels from the canvas's top left, or null.</summary>
    public int? TileAt(double x, double y)
    {
        if (!(x >= 0 && y >= 0)) return null;
        var column = (int)Math.Floor(x / Pitch);
        var row = (int)Math.Floor(y / Pitch);
        if (column >= Columns) return null;
        var position = ((long)row * Columns) + column;
        return position < Count ? (int)position : null;
    }

    /// <summary>The centre of the tile at <paramref name="position"/>, in CSS pixels from the canvas's top left.</summary>
    public (double X, double Y) CenterOf(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        return ((position % Columns * Pitch) + (Pitch / 2.0), (position / Columns * Pitch) + (Pitch / 2.0));
    }
}
