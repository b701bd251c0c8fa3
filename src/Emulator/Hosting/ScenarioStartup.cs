using Microsoft.Extensions.Options;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Scenarios;

namespace Rollout.Emulator.Hosting;

/// <summary>Loads the configured scenarios into the engine when the host starts.</summary>
public sealed partial class ScenarioStartup(
    SchedulerEngine engine,
    IOptions<EmulatorOptions> options,
    ILogger<ScenarioStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Recording.Length > 0) return Task.CompletedTask; // the recording is served instead (RecordingStartup)
        foreach (var name in options.Value.ScenarioNames())
        {
            var scenario = ScenarioLoader.Resolve(name);
            var updates = ScenarioRunner.Apply(engine, scenario, options.Value.RepeatEverySecs);
            LogScenario(logger, scenario.Name, scenario.Jobs.Count, updates.Count);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Scenario {Scenario} loaded: {Jobs} job(s), {Updates} update(s)")]
    private static partial void LogScenario(ILogger logger, string scenario, int jobs, int updates);
}
