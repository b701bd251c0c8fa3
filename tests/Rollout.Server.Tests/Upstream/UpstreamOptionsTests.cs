using Rollout.Server.Hosting;

namespace Rollout.Server.Tests.Upstream;

public class UpstreamOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass() =>
        Assert.True(new UpstreamOptionsValidator().Validate(null, new UpstreamOptions()).Succeeded);

    [Fact]
    public void Validate_BadLivenessSettings_NameEveryKey()
    {
        var result = new UpstreamOptionsValidator().Validate(null, new UpstreamOptions
        {
            KeepAlivePingDelaySeconds = 0,
            KeepAlivePingTimeoutSeconds = 601,
            StaleAfterSeconds = -5,
        });

        Assert.True(result.Failed);
        var failures = string.Join(" | ", result.Failures);
        foreach (var key in new[] { "Upstream:KeepAlivePingDelaySeconds", "Upstream:KeepAlivePingTimeoutSeconds", "Upstream:StaleAfterSeconds" })
        {
            Assert.Contains(key, failures, StringComparison.Ordinal);
        }
    }
}
