using Microsoft.Extensions.Options;

namespace Rollout.Server.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail: options ("Dashboard:DataPath", ...), the SQLite store, and its background upkeep.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddSingleton<IAuditStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AuditOptions>>().Value;
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            return new SqliteAuditStore(options.AuditFile(root), TimeSpan.FromSeconds(options.AuditWriteTimeoutSeconds));
        });
        services.AddSingleton<AuditTrail>();
        services.AddHostedService<AuditReconciliation>();
        return services;
    }
}
