using OpenTelemetry.Metrics;
using Rollout.Server.Security;

namespace Rollout.Server.Metrics;

/// <summary>GET /metrics in Prometheus' text format, through OpenTelemetry's exporter.</summary>
public static class MetricsExtensions
{
    public const string Path = "/metrics";

    public static IServiceCollection AddDashboardMetrics(this IServiceCollection services)
    {
        services.AddSingleton<DashboardMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(DashboardMetrics.MeterName).AddPrometheusExporter());
        return services;
    }

    /// <summary>Needs a signed-in user like every read: a scraper sends the token as a Bearer header.</summary>
    public static IEndpointRouteBuilder MapDashboardMetrics(this IEndpointRouteBuilder endpoints)
    {
        // Built here so its instruments exist before the first scrape.
        _ = endpoints.ServiceProvider.GetRequiredService<DashboardMetrics>();
        endpoints.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(DashboardPolicies.Viewer);
        return endpoints;
    }
}
