using Rollout.Client.Components;

namespace Rollout.Client.Tests.Components;

public class GridLayoutTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(15.9, 1)]
    [InlineData(16, 1)]
    [InlineData(31.9, 1)]
    [InlineData(32, 2)]
    [InlineData(1000, 62)]
    [InlineData(double.NaN, 1)]
    [InlineData(-40, 1)]
    public void ColumnsFor_Width_FitsWholeCellsAndNeverFewerThanOne(double width, int expected) =>
        Assert.Equal(expected, GridLayout.ColumnsFor(width));

    [Fact]
    public void Constants_TileAndGap_MakeThePitch() =>
        Assert.Equal(GridLayout.Tile + GridLayout.Gap, GridLayout.Pitch);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 1)]
    [InlineData(11, 2)]
    [InlineData(10_000, 1_000)]
    public void Rows_Count_RoundsUpToWholeRows(int count, int expected)
    {
        var layout = new GridLayout(10, count);

        Assert.Equal(expected, layout.Rows);
        Assert.Equal(expected * GridLayout.Pitch, layout.Height);
        Assert.Equal(10 * GridLayout.Pitch, layout.Width);
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(15.99, 15.99, 0)]
    [InlineData(16, 0, 1)]
    [InlineData(8, 16, 10)]
    [InlineData(159.5, 24, 19)]
    [InlineData(40, 40, 22)]
    public void TileAt_PointInACell_ReturnsThatCellsPosition(double x, double y, int expected) =>
        Assert.Equal(expected, new GridLayout(10, 25).TileAt(x, y));

    [Theory]
    [InlineData(160, 0)] // right of the last column
    [InlineData(-0.5, 8)]
    [InlineData(8, -0.5)]
    [InlineData(88, 40)] // third row, past the 25th tile
    [InlineData(8, 48)] // below the last row
    [InlineData(double.NaN, 8)]
    public void TileAt_PointOutsideTheTiles_ReturnsNull(double x, double y) =>
        Assert.Null(new GridLayout(10, 25).TileAt(x, y));

    [Fact]
    public void TileAt_EmptyGrid_ReturnsNull() => Assert.Null(new GridLayout(3, 0).TileAt(1, 1));

    [Fact]
    public void CenterOf_EveryPosition_HitsItself()
    {
        var layout = GridLayout.ForWidth(1000, 10_000);

        for (var position = 0; position < layout.Count; position++)
        {
            var (x, y) = layout.CenterOf(position);
            Assert.Equal(position, layout.TileAt(x, y));
        }
    }

    [Fact]
    public void CenterOf_SecondRow_IsOnePitchDown()
    {
        var (x, y) = new GridLayout(4, 10).CenterOf(5);

        Assert.Equal(GridLayout.Pitch * 1.5, x);
        Assert.Equal(GridLayout.Pitch * 1.5, y);
    }

    [Fact]
    public void Constructor_NoColumns_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GridLayout(0, 5));
}
