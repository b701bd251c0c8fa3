using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Rollout.Server.Security;

namespace Rollout.Server.Tests.Security;

public class AuthOptionsTests
{
    private static ValidateOptionsResult Validate(DashboardAuthOptions options, params (string Key, string Value)[] configuration) =>
        new DashboardAuthOptionsValidator(new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.Select(c => KeyValuePair.Create(c.Key, (string?)c.Value))).Build())
            .Validate(null, options);

    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(Validate(new DashboardAuthOptions(), ("urls", "http://0.0.0.0:5080")).Succeeded);

    [Fact]
    public void Validate_BadOpenIdConnectSettings_NamesEveryKey()
    {
        var result = Validate(new DashboardAuthOptions
        {
            Mode = "OpenIdConnect", Authority = "http://idp.example.com", Token = "short", UserName = "bad name",
            NameClaim = "", RoleClaim = " ",
            Operators = [new OperatorGrant(), new OperatorGrant { Role = "sre", User = "alice" }, new OperatorGrant { Role = "sre", Jobs = ["payments/*"] }],
        });

        var message = string.Join(" | ", result.Failures!);
        foreach (var key in new[]
        {
            "Dashboard:Auth:Authority", "Dashboard:Auth:ClientId", "Dashboard:Auth:ClientSecret", "Dashboard:Auth:Token", "Dashboard:Auth:UserName",
            "Dashboard:Auth:NameClaim", "Dashboard:Auth:RoleClaim", "Dashboard:Auth:Operators:0", "Dashboard:Auth:Operators:1", "Dashboard:Auth:Operators:2:Jobs:0",
        })
        {
            Assert.Contains(key, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_UnknownMode_NamesIt() =>
        Assert.Contains("Dashboard:Auth:Mode must be Token, OpenIdConnect or Unsecured (was 'Open')", string.Join(" ", Validate(new DashboardAuthOptions { Mode = "Open" }).Failures!), StringComparison.Ordinal);

    [Theory]
    [InlineData("urls", "http://0.0.0.0:5080")]
    [InlineData("urls", "http://127.0.0.1:5080;http://*:5081")]
    [InlineData("urls", "http://+:80")]
    [InlineData("urls", "http://[::]:80")]
    [InlineData("urls", "http://dashboard.example.com:80")]
    [InlineData("Kestrel:Endpoints:Public:Url", "http://10.0.0.5:8080")]
    public void Validate_UnsecuredBeyondLoopback_RefusedSayingHowToFix(string key, string address)
    {
        var result = key == "urls"
            ? Validate(new DashboardAuthOptions { Mode = "Unsecured" }, (key, address))
            : Validate(new DashboardAuthOptions { Mode = "Unsecured" }, ("urls", "http://127.0.0.1:5080"), (key, address));

        var message = string.Join(" ", result.Failures!);
        Assert.Contains("--Dashboard:Auth:Mode=Token", message, StringComparison.Ordinal);
        Assert.Contains("bind 127.0.0.1", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("https://127.0.0.2:0")]
    public void Validate_UnsecuredOnLoopback_Allowed(string address) =>
        Assert.True(Validate(new DashboardAuthOptions { Mode = "unsecured" }, ("urls", address)).Succeeded);

    [Fact]
    public void AccessToken_NotConfigured_RandomUrlSafe32BytesPerProcess()
    {
        var first = new AccessToken(Options.Create(new DashboardAuthOptions()));
        var second = new AccessToken(Options.Create(new DashboardAuthOptions()));

        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(43, first.Value.Length); // 32 bytes, base64url without padding
        Assert.Matches("^[A-Za-z0-9_-]+$", first.Value);
        Assert.Equal($"http://127.0.0.1:5080/login?t={first.Value}", first.LoginLink("http://127.0.0.1:5080"));
    }

    [Fact]
    public void AccessToken_Configured_MatchesOnlyItself()
    {
        var token = new AccessToken(Options.Create(new DashboardAuthOptions { Token = "0123456789abcdef-token", UserName = "carol" }));

        Assert.True(token.Matches("0123456789abcdef-token"));
        Assert.False(token.Matches("0123456789abcdef-tokeN"));
        Assert.False(token.Matches("0123456789abcdef-token "));
        Assert.False(token.Matches(""));
        Assert.False(token.Matches(null));
        Assert.Equal("carol", token.UserName);
    }

    [Fact]
    public void AccessToken_OpenIdConnectWithoutConfiguredToken_MatchesNothing()
    {
        var token = new AccessToken(Options.Create(new DashboardAuthOptions { Mode = "OpenIdConnect" }));

        Assert.False(token.Matches(token.Value));
    }
}
