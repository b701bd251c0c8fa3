using Microsoft.AspNetCore.SignalR.Client;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;

namespace Rollout.Server.Tests.Support;

/// <summary>A real SignalR client folding the browser protocol into a <see cref="DashboardStore"/>, as the browser does.</summary>
internal sealed class TestDashboardClient(HubConnection hub) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<DeltaBatch> _batches = [];

    public DashboardStore Store { get; } = new();

    public HubConnection Hub => hub;

    public int Snapshots { get; private set; }

    public IReadOnlyList<DeltaBatch> Batches
    {
        get
        {
            lock (_gate) return _batches.ToList();
        }
    }

    public async Task StartAsync()
    {
        hub.On<DeltaBatch>(nameof(IDashboardClient.ReceiveDeltas), async batch =>
        {
            DeltaOutcome outcome;
            lock (_gate)
            {
                _batches.Add(batch);
                outcome = Store.Loaded ? Store.Apply(batch) : DeltaOutcome.Stale;
            }

            if (outcome == DeltaOutcome.NeedsSnapshot) await ResyncAsync();
        });
        await hub.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await ResyncAsync();
    }

    public async Task ResyncAsync()
    {
        var snapshot = await hub.InvokeAsync<DashboardSnapshot>(nameof(IDashboardHub.GetSnapshot)).WaitAsync(TimeSpan.FromSeconds(30));
        lock (_gate)
        {
            Store.Load(snapshot);
            Snapshots++;
        }
    }

    public Task<ControlResult> SendAsync(string method, CommandRequest request) =>
        hub.InvokeAsync<ControlResult>(method, request).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Polls the folded store until the condition holds; fails with <paramref name="what"/> on timeout.</summary>
    public async Task WaitUntil(Func<DashboardStore, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            lock (_gate)
            {
                if (Store.Loaded && condition(Store)) return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"timed out waiting for: {what}");
    }

    public async ValueTask DisposeAsync() => await hub.DisposeAsync();
}
