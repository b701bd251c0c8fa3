using Rollout.Domain.Audit;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Security;
using static Rollout.Server.Tests.Security.Identities;

namespace Rollout.Server.Tests.Security;

public class CommandAuthorizerTests
{
    private static readonly UpdateKey PaymentsApi = new(new JobKey("payments", "prod", "api"), "api-1");
    private static readonly UpdateKey Web = new(new JobKey("www-data", "prod", "web"), "web-1");

    private static CommandAuthorizer Authorizer(AuthMode mode, params OperatorGrant[] grants)
    {
        var options = Options(mode, grants);
        return new CommandAuthorizer(new Permissions(options), options);
    }

    [Fact]
    public void Decide_Operator_AllowedUnderTheIdentitysName()
    {
        var decision = Authorizer(AuthMode.OpenIdConnect, Role("sre")).Decide(Provider("olga", "sre"), ControlCommand.Pause, PaymentsApi);

        Assert.Equal(("olga", true), (decision.User, decision.Allowed));
    }

    [Fact]
    public void Decide_Viewer_DeniedWithReasonAndName()
    {
        var decision = Authorizer(AuthMode.OpenIdConnect, Role("sre")).Decide(Provider("victor", "developers"), ControlCommand.Abort, PaymentsApi);

        Assert.Equal(ControlOutcome.Denied, decision.Denial!.Outcome);
        Assert.Equal("victor", decision.User);
        Assert.Contains("victor may view payments/prod/api but not abort it", decision.Denial.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ScopedOperator_OtherJobDenied()
    {
        var authorizer = Authorizer(AuthMode.OpenIdConnect, Role("sre", "payments/*/*"));

        Assert.True(authorizer.Decide(Provider("olga", "sre"), ControlCommand.Pause, PaymentsApi).Allowed);
        Assert.Equal(ControlOutcome.Denied, authorizer.Decide(Provider("olga", "sre"), ControlCommand.Pause, Web).Denial!.Outcome);
    }

    [Fact]
    public void Decide_NotSignedIn_Denied() =>
        Assert.Equal(ControlOutcome.Denied, Authorizer(AuthMode.Token).Decide(null, ControlCommand.Pause, PaymentsApi).Denial!.Outcome);

    [Theory]
    [InlineData("olga smith")]
    [InlineData("olga<script>")]
    [InlineData("ölga")]
    [InlineData("a-name-that-is-far-too-long-to-end-up-in-the-schedulers-update-history-x")]
    public void Decide_NameTheSchedulerCannotTake_DeniedSayingHowToFix(string name)
    {
        var decision = Authorizer(AuthMode.OpenIdConnect, User(name)).Decide(Provider(name), ControlCommand.Pause, PaymentsApi);

        Assert.Equal(ControlOutcome.Denied, decision.Denial!.Outcome);
        Assert.Contains("letters, digits or ._@-", decision.Denial.Reason, StringComparison.Ordinal);
        Assert.True(OperatorName.IsValid(decision.User), decision.User);
    }

    [Fact]
    public void Describe_ScopedOperator_NameModeAndScopes()
    {
        var user = Authorizer(AuthMode.OpenIdConnect, Role("sre", "payments/*/*")).Describe(Provider("olga", "sre"));

        Assert.Equal(("olga", "OpenIdConnect", "operator"), (user.Name, user.Mode, user.Role));
        Assert.Equal(["payments/*/*"], user.OperatorOf);
    }

    [Theory]
    [InlineData("carol", "carol")]
    [InlineData("DOMAIN\\John Smith", "DOMAIN_John_Smith")]
    [InlineData("", "operator")]
    public void Sanitize_OsAccountName_FitsTheScheduler(string raw, string expected) => Assert.Equal(expected, OperatorName.Sanitize(raw));
}
