using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Tests.Components;

public class SignedInBadgeTests : ClientTest
{
    [Theory]
    [InlineData("*/*/*", "Signed in as dana (operator)")]
    [InlineData(null, "Signed in as dana (viewer)")]
    public void Render_SignedIn_ShowsNameAndRole(string? scope, string expected)
    {
        var cut = Render<SignedInBadge>(p => p.Add(b => b.User, new SignedInUser("dana", "Token", scope is null ? [] : [scope])));

        Assert.Equal(expected, cut.Find("[data-testid=signed-in-as]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=unsecured-banner]"));
    }

    [Fact]
    public void Render_Unsecured_ShowsTheWarningBanner()
    {
        var cut = Render<SignedInBadge>(p => p.Add(b => b.User, new SignedInUser("anonymous", SignedInUser.Unsecured, ["*/*/*"])));

        Assert.Contains("Unsecured: anyone who can reach this address can steer rollouts", cut.Find("[data-testid=unsecured-banner]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NotYetKnown_ShowsNothing()
    {
        var cut = Render<SignedInBadge>(p => p.Add(b => b.User, (SignedInUser?)null));

        Assert.Empty(cut.FindAll("[data-testid=signed-in-as]"));
    }
}
