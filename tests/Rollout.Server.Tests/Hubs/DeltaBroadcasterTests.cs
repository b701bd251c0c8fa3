using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.Hosting;
using Rollout.Server.Hubs;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.Hubs;

public class DeltaBroadcasterTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task FirstChange_GoesOutAtOnce_LaterOnesWaitForTheFlushInterval()
    {
        var time = new FakeTimeProvider(T0);
        var model = new DashboardModel(time);
        var router = new RecordingRouter();
        using var broadcaster = new DeltaBroadcaster(model, router, Options.Create(new DashboardOptions { FlushIntervalMs = 50, TickMs = 60_000 }),
            time, NullLogger<DeltaBroadcaster>.Instance);
        await broadcaster.StartAsync(CancellationToken.None);
        model.ApplyUpdater(Started());

        await router.WaitFor(1, Wait);

        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Pending, 1));
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Assigned, 2));
        model.ApplyStatus(TaskUpdate(1, "t1", TaskState.Pending, 2));
        await Task.Delay(200);
        Assert.Single(router.Sets); // still inside the flush interval: nothing more sent

        time.Advance(TimeSpan.FromMilliseconds(50));
        await router.WaitFor(2, Wait);

        var second = router.Sets[1].Batches[DashboardKeys.Of(Key)];
        Assert.Equal(router.Sets[0].Version, second.PreviousVersion);
        Assert.Equal([0, 1], second.DecodeRows().Select(i => i.InstanceId).Order());
        Assert.Equal(TaskState.Assigned, second.DecodeRows().Single(i => i.InstanceId == 0).TaskStatus);
        await broadcaster.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Flush_RoutingTakesTime_NextBatchStillGoesOutOneIntervalAfterThePreviousStarted()
    {
        var time = new FakeTimeProvider(T0);
        var model = new DashboardModel(time);
        var router = new RecordingRouter(onRoute: () => time.Advance(TimeSpan.FromMilliseconds(30))); // routing the batch takes 30 ms
        using var broadcaster = new DeltaBroadcaster(model, router, Options.Create(new DashboardOptions { FlushIntervalMs = 50, TickMs = 60_000 }),
            time, NullLogger<DeltaBroadcaster>.Instance);
        await broadcaster.StartAsync(CancellationToken.None);
        model.ApplyUpdater(Started());
        await router.WaitFor(1, Wait);

        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Pending, 1));
        time.Advance(TimeSpan.FromMilliseconds(20)); // T0 + 50 ms: one interval after the first flush started

        await router.WaitFor(2, Wait);
        Assert.Equal([0], router.Sets[1].Batches[DashboardKeys.Of(Key)].DecodeRows().Select(i => i.InstanceId));
        await broadcaster.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Flush_ChangeAfterAQuietInterval_GoesOutAtOnce()
    {
        var time = new FakeTimeProvider(T0);
        var model = new DashboardModel(time);
        var router = new RecordingRouter();
        using var broadcaster = new DeltaBroadcaster(model, router, Options.Create(new DashboardOptions { FlushIntervalMs = 50, TickMs = 60_000 }),
            time, NullLogger<DeltaBroadcaster>.Instance);
        await broadcaster.StartAsync(CancellationToken.None);
        model.ApplyUpdater(Started());
        await router.WaitFor(1, Wait);

        time.Advance(TimeSpan.FromMilliseconds(80));
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Pending, 1));

        await router.WaitFor(2, Wait); // no further time passes: the interval since the last flush is over
        await broadcaster.StopAsync(CancellationToken.None);
    }

    /// <summary>Records what would go to browsers.</summary>
    private sealed class RecordingRouter(Action? onRoute = null) : IChangeRouter
    {
        private readonly Lock _gate = new();
        private readonly List<ChangeSet> _sets = [];

        public List<ChangeSet> Sets
        {
            get
            {
                lock (_gate) return _sets.ToList();
            }
        }

        public void Route(ChangeSet changes)
        {
            lock (_gate) _sets.Add(changes);
            onRoute?.Invoke();
        }

        public async Task WaitFor(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Sets.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"expected {count} change set(s), got {Sets.Count}");
                await Task.Delay(10);
            }
        }
    }
}
