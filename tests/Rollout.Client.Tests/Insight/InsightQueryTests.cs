using Rollout.Client.Components;

namespace Rollout.Client.Tests.Insight;

public class InsightQueryTests
{
    [Fact]
    public void Parse_InsightHidden_CollapsesTheSection() =>
        Assert.True(UpdatePageQuery.Parse(null, null, null, null, null, null, "hidden").InsightHidden);

    [Theory]
    [InlineData(null)]
    [InlineData("shown")]
    public void Parse_InsightAnythingElse_ShowsTheSection(string? insight) =>
        Assert.Equal(UpdatePageQuery.Default, UpdatePageQuery.Parse(null, null, null, null, null, null, insight));

    [Fact]
    public void ToQuery_InsightHidden_WritesIt()
    {
        Assert.Equal("hidden", (UpdatePageQuery.Default with { InsightHidden = true }).ToQuery()[UpdatePageQuery.InsightName]);
        Assert.Null(UpdatePageQuery.Default.ToQuery()[UpdatePageQuery.InsightName]);
    }
}
