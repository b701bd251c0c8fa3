using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Rollout.Domain.Dashboard;
using Rollout.Server.Hosting;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Hubs;

/// <summary>
/// Pushes model changes to every browser as versioned batches. The first change after a quiet spell
/// goes out at once; changes during the following flush interval are coalesced into the next batch.
/// </summary>
public sealed partial class DeltaBroadcaster(
    DashboardModel model,
    IHubContext<DashboardHub, IDashboardClient> hub,
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
        using var ticker = time.CreateTimer(_ => model.Tick(), null, TimeSpan.FromMilliseconds(options.Value.TickMs), TimeSpan.FromMilliseconds(options.Value.TickMs));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _changed.WaitAsync(stoppingToken);
                await FlushAsync(stoppingToken);
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.FlushIntervalMs), time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        long version = 0;
        try
        {
            if (model.TakeDelta() is not { } batch) return;
            version = batch.Version;
            await hub.Clients.All.ReceiveDeltas(batch).WaitAsync(cancellationToken);
        }
#pragma warning disable CA1031 // A failed send must not stop broadcasting; browsers recover through the version gap.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogSendFailed(logger, ex, version);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Preparing or sending delta batch {Version} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, long version);
}
