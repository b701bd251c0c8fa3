using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rollout.Server.Hosting;
using Rollout.Server.ReadModel;
using Rollout.Server.Upstream;

namespace Rollout.Benchmarks.Firehose;

/// <summary>What one pass of the dashboard's path over the firehose took and left behind.</summary>
internal sealed record DashboardIngestRound(TimeSpan Elapsed, long Position, long BadMessages, DashboardModel Model);

/// <summary>
/// The dashboard's own ingest path, unchanged: the server's <see cref="StatusSubscriber"/> (its
/// read loop, the Contracts mapping and <see cref="DashboardModel.ApplyStatus"/>) on an
/// <see cref="UpstreamChannel"/> pointed at the firehose. The update it belongs to is folded first,
/// untimed, as the updater stream would have delivered it.
/// </summary>
internal sealed class DashboardIngest(UpstreamChannel upstream, FirehoseWorkload workload)
{
    public static UpstreamChannel Connect(Uri address) =>
        new(Options.Create(new UpstreamOptions { Address = address.ToString() }), NoServices.Instance);

    public async Task<DashboardIngestRound> RunAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var model = new DashboardModel(TimeProvider.System);
        model.ApplyUpdater(workload.Started);
        long last = workload.Messages.Count;

        using var subscriber = new StatusSubscriber(upstream, model, TimeProvider.System, Options.Create(new UpstreamOptions()), NullLogger<StatusSubscriber>.Instance);
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The position moves after each fold, so the change after the last one (the stream ending)
        // is the first to see it at the end. A cheap listener, as the hub's broadcaster is.
        model.Changed += () =>
        {
            if (subscriber.Position.Sequence >= last) caughtUp.TrySetResult();
        };

        var clock = Stopwatch.StartNew();
        await subscriber.StartAsync(cancellationToken);
        try
        {
            await caughtUp.Task.WaitAsync(timeout, cancellationToken);
            clock.Stop();
        }
        finally
        {
            await subscriber.StopAsync(CancellationToken.None);
        }

        return new DashboardIngestRound(clock.Elapsed, subscriber.Position.Sequence, model.Connection.BadMessages, model);
    }

    /// <summary>The channel only asks for services to find an embedded emulator; this one has an address.</summary>
    private sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
