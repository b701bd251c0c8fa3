using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Rollout.Server.Edge;

/// <summary>The browser edge: allowed hosts and origins, security headers, request budgets, the error page.</summary>
public static class DashboardEdgeExtensions
{
    /// <summary>Only loopback names unless AllowedHosts says otherwise: a wrong Host (DNS rebinding) gets 400.</summary>
    public const string DefaultAllowedHosts = "localhost;127.0.0.1;[::1]";

    public static WebApplicationBuilder AddDashboardEdge(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"])) builder.Configuration["AllowedHosts"] = DefaultAllowedHosts;

        var services = builder.Services;
        services.AddOptions<EdgeOptions>().Bind(builder.Configuration.GetSection(EdgeOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        services.AddOptions<LimitsOptions>().Bind(builder.Configuration.GetSection(LimitsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptions<LimitsOptions>>((options, limits) => EdgeRateLimits.Configure(options, limits.Value));
        services.AddSingleton<HubThrottle>();
        // Global hub options: per-hub ones are only read once AddHubOptions marks them set, and copy these then.
        services.Configure<HubOptions>(o => o.AddFilter<HubThrottle>());
        return builder;
    }

    /// <summary>Goes right after the exception handler, before anything that answers a request.</summary>
    public static WebApplication UseDashboardEdge(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<OriginCheck>();
        app.UseRateLimiter();
        app.MapErrorEndpoint();
        return app;
    }
}
