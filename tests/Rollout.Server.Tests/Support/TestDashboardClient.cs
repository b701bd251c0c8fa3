using Microsoft.AspNetCore.SignalR.Client;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;

namespace Rollout.Server.Tests.Support;

/// <summary>A real SignalR client folding the browser protocol into a <see cref="DashboardStore"/>, as the browser does.</summary>
internal sealed class TestDashboardClient(HubConnection hub, string view) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<DeltaBatch> _batches = [];
    private readonly List<DeltaBatch> _pending = [];
    private bool _loading;

    public DashboardStore Store { get; } = new();

    public HubConnection Hub => hub;

    public string View => view;

    public int Resyncs { get; private set; }

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
                if (_loading)
                {
                    _pending.Add(batch); // replayed once the snapshot is in, as the browser does
                    return;
                }

                outcome = Store.Loaded ? Store.Apply(batch) : DeltaOutcome.Stale;
            }

            if (outcome == DeltaOutcome.NeedsSnapshot) await ResyncAsync();
        });
        hub.On<string>(nameof(IDashboardClient.Resync), async _ =>
        {
            lock (_gate) Resyncs++;
            await ResyncAsync();
        });
        await hub.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await ResyncAsync();
    }

    public async Task ResyncAsync()
    {
        lock (_gate) _loading = true;
        try
        {
            await LoadAsync();
        }
        finally
        {
            DeltaOutcome outcome;
            lock (_gate)
            {
                _loading = false;
                outcome = _pending.OrderBy(b => b.Version).Select(Store.Apply).DefaultIfEmpty(DeltaOutcome.Applied)
                    .Aggregate((a, b) => a == DeltaOutcome.NeedsSnapshot ? a : b);
                _pending.Clear();
            }

            if (outcome == DeltaOutcome.NeedsSnapshot) await ResyncAsync();
        }
    }

    private async Task LoadAsync()
    {
        if (view == DashboardViews.List)
        {
            var snapshot = await hub.InvokeAsync<ListSnapshot>(nameof(IDashboardHub.SubscribeList)).WaitAsync(TimeSpan.FromSeconds(30));
            lock (_gate)
            {
                Store.Load(snapshot);
                Snapshots++;
            }
        }
        else
        {
            var snapshot = await hub.InvokeAsync<UpdateSnapshot>(nameof(IDashboardHub.SubscribeUpdate), view).WaitAsync(TimeSpan.FromSeconds(30));
            lock (_gate)
            {
                Store.Load(view, snapshot);
                Snapshots++;
            }
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
