using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Domain.Tests.Model;

public class JobPatternTests
{
    private static readonly JobKey PaymentsApi = new("payments", "prod", "api");

    [Theory]
    [InlineData("*/*/*", true)]
    [InlineData("payments/*/*", true)]
    [InlineData("payments/prod/api", true)]
    [InlineData("payments/*/ap*", true)]
    [InlineData("pay*/p*d/*i", true)]
    [InlineData("payments/staging/*", false)]
    [InlineData("www-data/*/*", false)]
    [InlineData("Payments/*/*", false)]
    [InlineData("payments/*", false)]
    [InlineData("payments/*/*/*", false)]
    public void Matches_Pattern_PerSegment(string pattern, bool expected) =>
        Assert.Equal(expected, JobPattern.Matches(pattern, PaymentsApi));

    [Fact]
    public void Matches_StarNeverSpansSegments() => Assert.False(JobPattern.Matches("*/api", PaymentsApi));

    [Theory]
    [InlineData("payments/*/*", true)]
    [InlineData("payments/*", false)]
    [InlineData("payments//api", false)]
    [InlineData("", false)]
    public void Problem_Pattern_NamesMalformedOnes(string pattern, bool wellFormed) =>
        Assert.Equal(wellFormed, JobPattern.Problem(pattern) is null);

    [Fact]
    public void SignedInUser_Scopes_DecideRoleAndPerJobRights()
    {
        var scoped = new SignedInUser("olga", "OpenIdConnect", ["payments/*/*"]);
        var viewer = new SignedInUser("victor", "OpenIdConnect", []);

        Assert.Equal(("operator", true, false), (scoped.Role, scoped.CanOperate(PaymentsApi), scoped.CanOperate(new JobKey("www-data", "prod", "web"))));
        Assert.Equal(("viewer", false), (viewer.Role, viewer.CanOperate(PaymentsApi)));
    }
}
