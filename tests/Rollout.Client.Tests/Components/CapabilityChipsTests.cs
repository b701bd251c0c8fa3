using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;

namespace Rollout.Client.Tests.Components;

public class CapabilityChipsTests : ClientTest
{
    [Fact]
    public void Render_KnownAndUnknown_UnknownLookDifferent()
    {
        var cut = Render<CapabilityChips>(p => p
            .Add(c => c.Known, ["HEALTH_GATED_RUNNING", "HEALTH_CHECK_PROGRESS"])
            .Add(c => c.Unknown, ["WARP_DRIVE"]));

        Assert.Equal(["HEALTH_GATED_RUNNING", "HEALTH_CHECK_PROGRESS"], cut.FindAll("[data-capability=known]").Select(e => e.TextContent.Trim()));
        var unknown = cut.Find("[data-capability=unknown]");
        Assert.Equal("WARP_DRIVE", unknown.TextContent.Trim());
        Assert.Equal("unknown capability WARP_DRIVE", unknown.GetAttribute("aria-label"));
        Assert.Contains("mud-chip-color-warning", unknown.ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("mud-chip-color-warning", cut.FindAll("[data-capability=known]")[0].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Compact_ShortensKnownOnly_KeepingFullNamesAccessible()
    {
        var cut = Render<CapabilityChips>(p => p
            .Add(c => c.Known, ["HEALTH_GATED_RUNNING"])
            .Add(c => c.Unknown, ["WARP_DRIVE"])
            .Add(c => c.Compact, true));

        var known = cut.Find("[data-capability=known]");
        Assert.Equal("gated RUNNING", known.TextContent.Trim());
        Assert.Equal("HEALTH_GATED_RUNNING", known.GetAttribute("aria-label"));
        Assert.Equal("WARP_DRIVE", cut.Find("[data-capability=unknown]").TextContent.Trim());
        Assert.Contains("kept as advertised", cut.Find("[data-capability=unknown]").GetAttribute("title"), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".mud-chip")); // plain elements: tables render dozens of these at once
    }

    [Fact]
    public void Render_Nothing_SaysNoneAdvertised()
    {
        var cut = Render<CapabilityChips>();

        Assert.Contains("none advertised", cut.Markup, StringComparison.Ordinal);
    }
}
