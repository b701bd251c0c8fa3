using Rollout.Benchmarks.Firehose;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;

namespace Rollout.Benchmarks.Tests;

public class FirehoseTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void Workload_EveryInstanceGoesFromPendingToRunning_InTimeOrder()
    {
        var workload = FirehoseWorkload.Create(instances: 3, progressUpdates: 3);

        Assert.Equal(3 * 7, workload.Events.Count);
        Assert.Equal(7, workload.EventsPerInstance);
        foreach (var lifecycle in workload.Events.GroupBy(e => e.InstanceId))
        {
            Assert.Equal(
                [TaskState.Pending, TaskState.Assigned, TaskState.Starting, TaskState.Starting, TaskState.Starting, TaskState.Starting, TaskState.Running],
                lifecycle.Select(e => e.State));
            Assert.Equal(3, lifecycle.Count(e => e.HealthCheck is not null && e.State == TaskState.Starting));
        }

        Assert.Equal(workload.Events.OrderBy(e => e.Timestamp), workload.Events);
        Assert.Equal(Enumerable.Range(1, 21).Select(i => (ulong)i), workload.Messages.Select(m => m.Event.Position.Sequence));
    }

    [Fact]
    public async Task BareRead_SeesExactlyTheEventsServed()
    {
        var workload = FirehoseWorkload.Create(instances: 20, progressUpdates: 3);
        await using var server = await FirehoseScheduler.StartAsync(workload.Messages, CancellationToken.None);
        using var upstream = DashboardIngest.Connect(server.Address);
        var client = await upstream.GetClientAsync(CancellationToken.None);

        var (_, count) = await BareGrpcRead.RunAsync(client, Timeout, CancellationToken.None);

        Assert.Equal(140, count);
        Assert.Equal(140, server.Served);
        Assert.Equal(1, server.CompletedCalls);
    }

    [Fact]
    public async Task DashboardPath_FoldsEveryEventServed_RoundAfterRound()
    {
        var workload = FirehoseWorkload.Create(instances: 20, progressUpdates: 3);
        await using var server = await FirehoseScheduler.StartAsync(workload.Messages, CancellationToken.None);
        using var upstream = DashboardIngest.Connect(server.Address);
        var ingest = new DashboardIngest(upstream, workload);

        for (var round = 1; round <= 2; round++)
        {
            var result = await ingest.RunAsync(Timeout, CancellationToken.None);

            Assert.Equal(140, result.Position);
            Assert.Equal(0, result.BadMessages);
            AssertFoldedEverything(result.Model, workload);
        }

        Assert.True(server.Served >= 280, $"served {server.Served}");
    }

    private static void AssertFoldedEverything(DashboardModel model, FirehoseWorkload workload)
    {
        model.Publish(); // reads come from the published state
        var (_, instances) = model.Update(FirehoseWorkload.Update) ?? throw new InvalidOperationException("the update is missing");
        Assert.Equal(workload.Instances, instances.Count);
        Assert.All(instances, i => Assert.Equal(TaskState.Running, i.Row.TaskStatus));
        var timeline = instances.Sum(i => model.Detail(FirehoseWorkload.Update, i.Row.InstanceId)!.Timeline.Count);
        Assert.Equal(workload.Events.Count, timeline);
    }
}
