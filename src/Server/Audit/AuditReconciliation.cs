namespace Rollout.Server.Audit;

/// <summary>
/// Opens the audit at start; then, once a second, retries failed writes and reconciles unknown
/// outcomes against the published history. A periodic check rather than a hook in the broadcaster:
/// it costs nothing while no outcome is unknown, and a second's delay is plenty for a human reader.
/// On shutdown it makes a last attempt at any unwritten entry.
/// </summary>
public sealed class AuditReconciliation(AuditTrail trail, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        trail.Open(); // schema and pending outcomes before the first command can arrive
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                trail.Flush();
                if (trail.UnresolvedCount > 0) trail.Reconcile();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        trail.Flush();
    }
}
