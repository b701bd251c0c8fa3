using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Rollout.Domain.Dashboard;

namespace Rollout.Server.Edge;

/// <summary>
/// HTTP budgets, by path so no endpoint needs marking: GET /api/updates* per user (or address), and a
/// cap on hub connections held at once (a WebSocket holds its request, so a concurrency lease lasts as
/// long as the connection). Over budget: 429 with Retry-After.
/// </summary>
public static class EdgeRateLimits
{
    public static void Configure(RateLimiterOptions options, LimitsOptions limits)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = (context, _) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments(DashboardHubRoute.Path, StringComparison.OrdinalIgnoreCase)
                && !path.StartsWithSegments($"{DashboardHubRoute.Path}/negotiate", StringComparison.OrdinalIgnoreCase))
            {
                return RateLimitPartition.GetConcurrencyLimiter("hub-connections", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = limits.MaxHubConnections,
                    QueueLimit = 0,
                });
            }

            if (path.StartsWithSegments("/api/updates", StringComparison.OrdinalIgnoreCase))
            {
                return RateLimitPartition.GetTokenBucketLimiter("api:" + Caller(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.ApiBurst,
                    TokensPerPeriod = limits.ApiPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            }

            return RateLimitPartition.GetNoLimiter(string.Empty);
        });
    }

    /// <summary>The signed-in user, else the peer address: a name a signed-out browser claims is not trusted.</summary>
    public static string Caller(HttpContext context) =>
        context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name }
            ? "user:" + name
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
