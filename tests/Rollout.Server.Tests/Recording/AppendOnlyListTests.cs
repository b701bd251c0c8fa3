using Rollout.Server.ReadModel;

namespace Rollout.Server.Tests.Recording;

public class AppendOnlyListTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(8_128)]
    [InlineData(8_129)]
    [InlineData(30_000)]
    public void Add_AcrossChunks_KeepsEveryItemInOrder(int count)
    {
        var list = new AppendOnlyList<string>();
        for (var i = 0; i < count; i++) list.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(count, list.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), list.ToArray(count));
        Assert.Equal(Enumerable.Range(0, count / 2).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), list.ToArray(count / 2));
    }
}
