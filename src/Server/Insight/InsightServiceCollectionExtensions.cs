using Rollout.Server.Replay;

namespace Rollout.Server.Insight;

public static class InsightServiceCollectionExtensions
{
    /// <summary>Live insight and held replays: both singletons, shared by every browser.</summary>
    public static IServiceCollection AddInsight(this IServiceCollection services)
    {
        services.AddSingleton<InsightService>();
        services.AddSingleton<ReplayStore>();
        return services;
    }
}
