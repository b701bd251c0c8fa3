using Microsoft.Extensions.Options;
using Rollout.Server.Hosting;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Hubs;

/// <summary>
/// Publishes model changes and routes each view's batch to its viewers. The first change after a
/// quiet spell goes out at once; later changes are coalesced into a batch that goes out one flush
/// interval after the previous one started, so no change waits longer than one interval. Routing
/// never waits for a browser, so none can slow this loop down.
/// </summary>
public sealed partial class DeltaBroadcaster(
    DashboardModel model,
    IChangeRouter viewers,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ILogger<DeltaBroadcaster> logger) : BackgroundService
{
    private readonly SemaphoreSlim _changed = new(0, 1);

    /// <summary>Listens before the loop runs (ExecuteAsync starts on another thread), so no early change is missed.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        model.Changed += Signal;
        if (model.HasPendingChanges) Signal();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        model.Changed -= Signal;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only the connection state ages on its own (reconnecting turns lost); countdowns run in browsers.
        var tick = TimeSpan.FromMilliseconds(options.Value.TickMs);
        using var ticker = time.CreateTimer(_ => model.Tick(), null, tick, tick);
        var interval = TimeSpan.FromMilliseconds(options.Value.FlushIntervalMs);
        long lastFlush = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _changed.WaitAsync(stoppingToken);

                // Flushes start at most once per interval, counted from the last one's start: a change
                // waits at most one interval, however long routing took.
                if (lastFlush != 0 && interval - time.GetElapsedTime(lastFlush) is { Ticks: > 0 } wait)
                    await Task.Delay(wait, time, stoppingToken);
                lastFlush = time.GetTimestamp();
                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Flush()
    {
        try
        {
            if (model.Publish() is { } changes) viewers.Route(changes);
        }
#pragma warning disable CA1031 // A failed publish must not stop broadcasting; browsers recover through the version gap.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogPublishFailed(logger, ex);
        }
    }

    private void Signal()
    {
        // At most one pending signal: many changes before a flush need only one wake-up.
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing model changes failed")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
