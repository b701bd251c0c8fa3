using Rollout.Client.Components;

namespace Rollout.Client.Tests.Comfort;

public class UpdatePageQueryTests
{
    [Fact]
    public void Parse_NothingInTheUrl_IsTheDefaultView() =>
        Assert.Equal(UpdatePageQuery.Default, UpdatePageQuery.Parse(null, null, null, null, null, null));

    [Fact]
    public void Parse_EveryValue_RestoresTheView() =>
        Assert.Equal(
            new UpdatePageQuery(7, "vPrev", InstanceColumn.Host, true, ColorBy.GatingMode, true),
            UpdatePageQuery.Parse("7", " vPrev ", "host", "1", "gating", "hidden"));

    [Theory]
    [InlineData("abc", "nonsense", "yes", "purple", "maybe")]
    [InlineData("-1", "", "0", "", "")]
    [InlineData("1e3", "ID", "false", "ACTION", "shown")]
    public void Parse_Nonsense_FallsBackToTheDefaults(string instance, string sort, string descending, string color, string grid) =>
        Assert.Equal(UpdatePageQuery.Default, UpdatePageQuery.Parse(instance, null, sort, descending, color, grid));

    [Fact]
    public void ToQuery_Default_RemovesEveryParameter() =>
        Assert.All(UpdatePageQuery.Default.ToQuery(), p => Assert.Null(p.Value));

    [Fact]
    public void ToQuery_View_WritesShortNames()
    {
        var query = new UpdatePageQuery(3, "host-1", InstanceColumn.TaskStatus, true, ColorBy.HealthState, true).ToQuery();

        Assert.Equal(3, query["instance"]);
        Assert.Equal("host-1", query["q"]);
        Assert.Equal("status", query["sort"]);
        Assert.Equal("1", query["desc"]);
        Assert.Equal("health", query["color"]);
        Assert.Equal("hidden", query["grid"]);
    }

    public static TheoryData<UpdatePageQuery> Views() =>
    [
        UpdatePageQuery.Default,
        new(0),
        new(Filter: "S3 bit on vPrev"),
        new(Sort: InstanceColumn.Hazards, Descending: true),
        new(ColorBy: ColorBy.ExecutorVersion, GridHidden: true),
        .. Enum.GetValues<InstanceColumn>().Select(c => new UpdatePageQuery(Sort: c)),
        .. Enum.GetValues<ColorBy>().Select(c => new UpdatePageQuery(ColorBy: c)),
    ];

    [Theory]
    [MemberData(nameof(Views))]
    public void ToQueryThenParse_AnyView_ComesBackTheSame(UpdatePageQuery view)
    {
        var query = view.ToQuery();
        string? Value(string name) => query[name]?.ToString();

        Assert.Equal(view, UpdatePageQuery.Parse(Value("instance"), Value("q"), Value("sort"), Value("desc"), Value("color"), Value("grid")));
    }
}
