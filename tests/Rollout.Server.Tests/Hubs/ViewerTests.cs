using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Server.Hosting;
using Rollout.Server.Hubs;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.Hubs;

public sealed class ViewerTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(T0);
    private readonly ViewerRegistry _registry;

    public ViewerTests() =>
        _registry = new ViewerRegistry(Options.Create(new DashboardOptions { ViewerQueueBatches = 4, StuckViewerSeconds = 30 }), _time,
            NullLogger<ViewerRegistry>.Instance);

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync() => await _registry.DisposeAsync();

    private static ChangeSet Set(long version, params string[] views) =>
        new(version, views.ToDictionary(v => v, v => new DeltaBatch(v, "e", version - 1, version, null, null, [], [], [], [], []), StringComparer.Ordinal));

    [Fact]
    public async Task Route_SendsEachViewsBatchOnlyToItsViewers()
    {
        var list = new Browser();
        var update = new Browser();
        var idle = new Browser();
        Connect("list", list);
        Connect("update", update);
        Connect("idle", idle);
        _registry.Watch("list", DashboardViews.List);
        _registry.Watch("update", "r/e/n#u");

        _registry.Route(Set(1, DashboardViews.List));
        _registry.Route(Set(2, "r/e/n#u", "r/e/other#u"));

        await list.WaitFor(1);
        await update.WaitFor(1);
        Assert.Equal([1L], list.Versions);
        Assert.Equal([2L], update.Versions);
        Assert.Empty(idle.Received);
    }

    [Fact]
    public async Task Route_StuckViewer_NeverDelaysAnother_AndIsToldToResnapshot()
    {
        var stuck = new Browser(reads: false);
        var honest = new Browser();
        Connect("stuck", stuck);
        Connect("honest", honest);
        _registry.Watch("stuck", DashboardViews.List);
        _registry.Watch("honest", DashboardViews.List);

        for (var v = 1; v <= 50; v++)
        {
            _registry.Route(Set(v, DashboardViews.List)); // returns at once: nothing waits for "stuck"
            await honest.WaitFor(v);
        }

        Assert.Equal(Enumerable.Range(1, 50).Select(v => (long)v), honest.Versions);
        Assert.Equal(1, _registry.Behind);

        stuck.Unblock();
        await stuck.WaitFor(2);
        Assert.Equal(nameof(IDashboardClient.Resync), stuck.Received.Last().Target); // what was queued was replaced by "resnapshot"
        Assert.True(stuck.Received.Count <= 1 + 4 + 1, $"at most the blocked send, a full queue and the resync; got {stuck.Received.Count}");
        await WaitUntil(() => _registry.Behind == 0);
        Assert.Equal(1, _registry.Resyncs);
    }

    [Fact]
    public async Task Route_ViewerThatReadsNothingForTooLong_IsDisconnected()
    {
        var stuck = new Browser(reads: false);
        Connect("stuck", stuck);
        _registry.Watch("stuck", DashboardViews.List);
        _registry.Route(Set(1, DashboardViews.List));
        await WaitUntil(() => stuck.Writing);

        _time.Advance(TimeSpan.FromSeconds(31));

        await WaitUntil(() => stuck.Aborted);
    }

    [Fact]
    public async Task Watchdog_SendStuckForLessThanTheLimit_KeepsTheViewer_ThenAbortsIt()
    {
        var stuck = new Browser(reads: false);
        var honest = new Browser();
        Connect("stuck", stuck);
        Connect("honest", honest);
        _registry.Watch("stuck", DashboardViews.List);
        _registry.Watch("honest", DashboardViews.List);
        _registry.Route(Set(1, DashboardViews.List));
        await WaitUntil(() => stuck.Writing);
        await honest.WaitFor(1); // its write is done: no clock moves while it is still under way

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(stuck.Aborted);

        _time.Advance(TimeSpan.FromSeconds(2));
        await WaitUntil(() => stuck.Aborted);
        Assert.False(honest.Aborted); // it read, so it was never waited on
    }

    [Fact]
    public async Task Watchdog_ManyQuickSends_NeverAbortAViewerThatReads()
    {
        var honest = new Browser();
        Connect("honest", honest);
        _registry.Watch("honest", DashboardViews.List);

        for (var v = 1; v <= 20; v++)
        {
            _registry.Route(Set(v, DashboardViews.List));
            await honest.WaitFor(v);
            _time.Advance(TimeSpan.FromSeconds(5)); // 100 s in all, every send done at once
        }

        Assert.False(honest.Aborted);
    }

    private void Connect(string id, Browser browser) => _registry.Connected(id, browser.WriteAsync, browser.Abort);

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }

    /// <summary>A browser's end of the connection: reads at once, or not at all until unblocked.</summary>
    private sealed class Browser(bool reads = true)
    {
        private readonly TaskCompletionSource _unblocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<InvocationMessage> _received = new();

        public List<InvocationMessage> Received => [.. _received];

        public List<long> Versions => Received.Where(m => m.Target == nameof(IDashboardClient.ReceiveDeltas)).Select(m => ((DeltaBatch)m.Arguments[0]!).Version).ToList();

        public bool Writing { get; private set; }

        public bool Aborted { get; private set; }

        public async ValueTask WriteAsync(SerializedHubMessage message, CancellationToken cancellationToken)
        {
            Writing = true;
            if (!reads) await _unblocked.Task.WaitAsync(cancellationToken);
            _received.Enqueue((InvocationMessage)message.Message!);
        }

        public void Abort() => Aborted = true;

        public void Unblock() => _unblocked.TrySetResult();

        public async Task WaitFor(int count)
        {
            var deadline = DateTime.UtcNow + Wait;
            while (_received.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"expected {count} message(s), got {_received.Count}");
                await Task.Delay(10);
            }
        }
    }
}
