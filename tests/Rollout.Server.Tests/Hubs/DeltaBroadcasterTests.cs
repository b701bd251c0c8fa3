using Microsoft.AspNetCore.SignalR;
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
        var hub = new RecordingHubContext();
        using var broadcaster = new DeltaBroadcaster(model, hub, Options.Create(new DashboardOptions { FlushIntervalMs = 50, TickMs = 60_000 }),
            time, NullLogger<DeltaBroadcaster>.Instance);
        await broadcaster.StartAsync(CancellationToken.None);
        model.ApplyUpdater(Started());

        await hub.WaitForBatches(1, Wait);

        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Pending, 1));
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Assigned, 2));
        model.ApplyStatus(TaskUpdate(1, "t1", TaskState.Pending, 2));
        await Task.Delay(200);
        Assert.Single(hub.Batches); // still inside the flush interval: nothing more sent

        time.Advance(TimeSpan.FromMilliseconds(50));
        await hub.WaitForBatches(2, Wait);

        var second = hub.Batches[1];
        Assert.Equal(hub.Batches[0].Version + 1, second.Version);
        Assert.Equal([0, 1], second.Instances.Select(i => i.Instance.InstanceId).Order());
        Assert.Equal(TaskState.Assigned, second.Instances.Single(i => i.Instance.InstanceId == 0).Instance.TaskStatus);
        await broadcaster.StopAsync(CancellationToken.None);
    }

    /// <summary>Records what would go to every browser.</summary>
    private sealed class RecordingHubContext : IHubContext<DashboardHub, IDashboardClient>, IHubClients<IDashboardClient>, IDashboardClient
    {
        private readonly Lock _gate = new();
        private readonly List<DeltaBatch> _batches = [];

        public List<DeltaBatch> Batches
        {
            get
            {
                lock (_gate) return _batches.ToList();
            }
        }

        public IHubClients<IDashboardClient> Clients => this;

        public IGroupManager Groups => throw new NotSupportedException();

        public IDashboardClient All => this;

        public Task ReceiveDeltas(DeltaBatch batch)
        {
            lock (_gate) _batches.Add(batch);
            return Task.CompletedTask;
        }

        public async Task WaitForBatches(int count, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (Batches.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"expected {count} batch(es), got {Batches.Count}");
                await Task.Delay(10);
            }
        }

        public IDashboardClient AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IDashboardClient Client(string connectionId) => throw new NotSupportedException();

        IDashboardClient IHubClients<IDashboardClient>.Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

        public IDashboardClient Group(string groupName) => throw new NotSupportedException();

        public IDashboardClient GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        IDashboardClient IHubClients<IDashboardClient>.Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

        public IDashboardClient User(string userId) => throw new NotSupportedException();

        public IDashboardClient Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
    }
}
