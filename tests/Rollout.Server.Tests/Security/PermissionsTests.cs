using Rollout.Domain.Model;
using Rollout.Server.Security;
using static Rollout.Server.Tests.Security.Identities;

namespace Rollout.Server.Tests.Security;

public class PermissionsTests
{
    private static readonly JobKey PaymentsApi = new("payments", "prod", "api");
    private static readonly JobKey Web = new("www-data", "prod", "web");

    private static DashboardIdentity Id(System.Security.Claims.ClaimsPrincipal principal) => DashboardIdentity.From(principal)!;

    [Fact]
    public void CanOperate_TokenUserInTokenMode_OperatesEverything()
    {
        var permissions = new Permissions(Options(AuthMode.Token));

        Assert.True(permissions.CanOperate(Id(Own(DashboardSchemes.Token, "carol")), Web));
    }

    [Fact]
    public void CanOperate_UnsecuredUser_OperatesEverything() =>
        Assert.True(new Permissions(Options(AuthMode.Unsecured)).CanOperate(Id(Own(DashboardSchemes.Unsecured, "anonymous")), PaymentsApi));

    [Fact]
    public void CanOperate_ProviderUserWithoutGrant_IsAViewer()
    {
        var permissions = new Permissions(Options(AuthMode.OpenIdConnect, Role("sre")));

        var victor = Id(Provider("victor", "developers"));

        Assert.False(permissions.CanOperate(victor, PaymentsApi));
        Assert.Empty(permissions.OperatorOf(victor));
    }

    [Fact]
    public void CanOperate_RoleGrantScopedToJobs_OnlyThoseJobs()
    {
        var permissions = new Permissions(Options(AuthMode.OpenIdConnect, Role("sre", "payments/*/*")));

        var olga = Id(Provider("olga", "sre"));

        Assert.Equal((true, false), (permissions.CanOperate(olga, PaymentsApi), permissions.CanOperate(olga, Web)));
    }

    [Fact]
    public void CanOperate_UserGrantWithoutJobs_EveryJob()
    {
        var permissions = new Permissions(Options(AuthMode.OpenIdConnect, User("alice")));

        Assert.True(permissions.CanOperate(Id(Provider("alice")), Web));
        Assert.False(permissions.CanOperate(Id(Provider("Alice")), Web)); // names compare exactly
    }

    [Fact]
    public void OperatorOf_SeveralGrants_UnionOfScopes()
    {
        var permissions = new Permissions(Options(AuthMode.OpenIdConnect, Role("sre", "payments/*/*"), User("olga", "www-data/prod/*"), Role("other", "x/y/z")));

        Assert.Equal(["payments/*/*", "www-data/prod/*"], permissions.OperatorOf(Id(Provider("olga", "sre"))));
    }

    [Fact]
    public void CanOperate_TokenUserInOpenIdConnectMode_OnlyByGrants()
    {
        // A script token next to a provider is a service account: its name's grants, nothing more.
        var permissions = new Permissions(Options(AuthMode.OpenIdConnect, User("deploy-bot", "payments/*/*")));

        Assert.True(permissions.CanOperate(Id(Own(DashboardSchemes.Token, "deploy-bot")), PaymentsApi));
        Assert.False(permissions.CanOperate(Id(Own(DashboardSchemes.Token, "deploy-bot")), Web));
        Assert.False(permissions.CanOperate(Id(Own(DashboardSchemes.Token, "carol")), PaymentsApi));
    }

    [Fact]
    public void CanOperate_ProviderClaimingTheUnsecuredRole_GetsNothingFromIt()
    {
        var permissions = new Permissions(Options(AuthMode.OpenIdConnect));

        Assert.False(permissions.CanOperate(Id(Provider("mallory", DashboardSchemes.Unsecured, DashboardSchemes.Token, "operator")), PaymentsApi));
    }

    [Fact]
    public void From_ProviderClaims_NameAndRolesFromTheConfiguredClaimTypes()
    {
        var identity = Id(Provider("olga", "sre", "sre", "dba"));

        Assert.Equal("olga", identity.Name);
        Assert.Equal(["sre", "dba"], identity.Roles);
    }

    [Fact]
    public void From_Anonymous_IsNull() => Assert.Null(DashboardIdentity.From(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity())));
}
