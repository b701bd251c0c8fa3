using Microsoft.AspNetCore.SignalR.Client;

namespace Rollout.Client.Services;

/// <summary>Keeps trying: 0 s, 1 s, 2 s, 5 s, then every 10 s.</summary>
internal sealed class ForeverRetryPolicy : IRetryPolicy
{
    private static readonly TimeSpan[] Delays = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
        retryContext.PreviousRetryCount < Delays.Length ? Delays[retryContext.PreviousRetryCount] : TimeSpan.FromSeconds(10);
}
