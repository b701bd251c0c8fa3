using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Grpc;
using Rollout.Emulator.Time;

namespace Rollout.Emulator.Hosting;

public static class EmulatorServiceCollectionExtensions
{
    /// <summary>Large status messages are legal; keep them well inside what both ends accept.</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;

    /// <summary>The emulator's engine, scenarios (or recording) and gRPC services, for a standalone or an embedding host.</summary>
    public static IServiceCollection AddRolloutEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmulatorOptions>().Bind(configuration.GetSection(EmulatorOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmulatorOptions>, EmulatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmulatorOptions>>().Value;
            var clock = sp.GetRequiredService<TimeProvider>();
            var time = options.Speed == 1 ? clock : new ScaledTimeProvider(clock, options.Speed);
            return new SchedulerEngine(time, new EngineOptions
            {
                Seed = options.Seed,
                RetainedEvents = options.RetainedEvents,
                AllowedOperators = options.AllowedOperators,
            }, sp.GetRequiredService<ILogger<SchedulerEngine>>());
        });
        services.AddHostedService<ScenarioStartup>();
        services.AddHostedService<RecordingStartup>();
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<ApiKeyInterceptor>(); // every service: the scheduler, reflection and health
            o.MaxReceiveMessageSize = MaxMessageBytes;
            o.MaxSendMessageSize = MaxMessageBytes;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<EngineHealthCheck>("scheduler");
        return services;
    }

    public static IEndpointRouteBuilder MapRolloutEmulator(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<SchedulerService>();
        endpoints.MapGrpcReflectionService();
        endpoints.MapGrpcHealthChecksService();
        return endpoints;
    }
}

/// <summary>Healthy while no emulator action has failed; degraded (not down) otherwise.</summary>
public sealed class EngineHealthCheck(SchedulerEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(engine.Faults == 0
            ? HealthCheckResult.Healthy($"epoch {engine.Epoch}")
            : HealthCheckResult.Degraded($"{engine.Faults} emulator action(s) failed"));
}
