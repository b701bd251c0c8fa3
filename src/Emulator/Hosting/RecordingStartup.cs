using Microsoft.Extensions.Options;
using Rollout.Contracts.Recording;
using Rollout.Emulator.Engine;

namespace Rollout.Emulator.Hosting;

/// <summary>With <c>Emulator:Recording</c> set, starts serving the recording when the host starts (instead of the scenarios).</summary>
public sealed partial class RecordingStartup(
    SchedulerEngine engine,
    IOptions<EmulatorOptions> options,
    ILogger<RecordingStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.Recording;
        if (path.Length == 0) return Task.CompletedTask;
        var recording = RecordingReader.ReadFile(path); // validated at start: a failure here is the file changing since
        engine.Replay(recording);
        LogReplaying(logger, path, recording.Update, recording.Events.Count, recording.Truncated, options.Value.Speed);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {Path}: update {Update}, {Events} events (truncated when recorded: {Truncated}), at speed {Speed}")]
    private static partial void LogReplaying(ILogger logger, string path, Domain.Model.UpdateKey update, int events, bool truncated, double speed);
}
