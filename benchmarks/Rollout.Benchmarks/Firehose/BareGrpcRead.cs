using System.Diagnostics;
using Grpc.Core;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Benchmarks.Firehose;

/// <summary>The baseline: a plain grpc-dotnet read loop of the same stream that only counts messages.</summary>
internal static class BareGrpcRead
{
    public static async Task<(TimeSpan Elapsed, int Count)> RunAsync(Wire.Scheduler.SchedulerClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var clock = Stopwatch.StartNew();
        using var call = client.SubscribeStatusUpdates(new Wire.SubscribeRequest(), cancellationToken: deadline.Token);
        var count = 0;
        await foreach (var _ in call.ResponseStream.ReadAllAsync(deadline.Token)) count++;
        clock.Stop();
        return (clock.Elapsed, count);
    }
}
