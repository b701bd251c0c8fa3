using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Rollout.Domain.Dashboard;

namespace Rollout.Server.Edge;

/// <summary>
/// Budgets for hub calls, which the HTTP rate limiter cannot see (they share one long request):
/// snapshots per connection (each can be megabytes), commands per user. Over budget the call fails
/// with "too many requests, retry in N s" and nothing is done.
/// </summary>
public sealed class HubThrottle : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _snapshots;
    private readonly PartitionedRateLimiter<string> _commands;

    public HubThrottle(IOptions<LimitsOptions> options)
    {
        var limits = options.Value;
        _snapshots = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.SnapshotBurst,
            TokensPerPeriod = limits.SnapshotsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        _commands = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.CommandBurst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / limits.CommandsPerMinute,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        var (limiter, key) = invocationContext.HubMethodName switch
        {
            nameof(IDashboardHub.SubscribeList) or nameof(IDashboardHub.SubscribeUpdate) or nameof(IDashboardHub.GetInstanceDetail) =>
                (_snapshots, "connection:" + context.ConnectionId),
            nameof(IDashboardHub.PauseUpdate) or nameof(IDashboardHub.ResumeUpdate) or nameof(IDashboardHub.AbortUpdate) =>
                (_commands, context.GetHttpContext() is { } http ? EdgeRateLimits.Caller(http) : "connection:" + context.ConnectionId),
            _ => ((PartitionedRateLimiter<string>?)null, string.Empty),
        };
        if (limiter is null) return await next(invocationContext);

        using var lease = limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : 1;
            throw new HubException(string.Create(CultureInfo.InvariantCulture, $"too many requests, retry in {seconds} s"));
        }

        return await next(invocationContext);
    }

    public void Dispose()
    {
        _snapshots.Dispose();
        _commands.Dispose();
    }
}
