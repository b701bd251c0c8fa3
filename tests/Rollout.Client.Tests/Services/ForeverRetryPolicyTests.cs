using Microsoft.AspNetCore.SignalR.Client;
using Rollout.Client.Services;

namespace Rollout.Client.Tests.Services;

public class ForeverRetryPolicyTests
{
    [Fact]
    public void NextRetryDelay_BacksOffThenEveryTenSecondsForever()
    {
        var policy = new ForeverRetryPolicy();

        var delays = Enumerable.Range(0, 8).Select(n => policy.NextRetryDelay(new RetryContext { PreviousRetryCount = n })!.Value.TotalSeconds);

        Assert.Equal([0, 1, 2, 5, 10, 10, 10, 10], delays);
        Assert.NotNull(policy.NextRetryDelay(new RetryContext { PreviousRetryCount = 1_000_000 }));
    }
}
