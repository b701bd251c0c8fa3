using Microsoft.Extensions.DependencyInjection;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Browsers;

/// <summary>
/// A browser that misses deltas takes a fresh snapshot and ends showing exactly what the server
/// holds. The browser's own connection code over real SignalR; the loss is made on the wire.
/// </summary>
public class MissedDeltaTests
{
    private static readonly UpdateKey Key = new(new JobKey("load", "test", "gap"), "u");
    private static readonly string View = DashboardKeys.Of(Key);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReceiveDeltas_BatchLostOnTheWay_GapResnapshotsAndTheViewEqualsTheServers()
    {
        await using var setup = await WatchingAsync();
        var (_, model, browser, wire) = setup;
        var before = browser.Counts; // the first snapshot may have needed a second: a batch in flight as it subscribed

        var lost = wire.DropNext(b => b.View == View);
        model.ApplyStatus(Events.TaskUpdate(0, "t0", TaskState.Running, 1) with { Job = Key.Job });
        await lost.WaitAsync(Timeout); // instance 0's change never reaches the browser
        model.ApplyStatus(Events.TaskUpdate(1, "t1", TaskState.Running, 2) with { Job = Key.Job });

        await browser.WaitUntil(s => s.Instances.Count(i => i.TaskStatus == TaskState.Running) == 2, "both instances running, the lost change included");
        Assert.Equal(before with { Snapshots = before.Snapshots + 1, Gaps = before.Gaps + 1 }, browser.Counts);
        await AssertShowsWhatTheServerHoldsAsync(browser, model);
        Assert.Contains(browser.Logs.Lines, l => l.Text.Contains($"Fresh snapshot of {View} (Gap); resnapshots so far {before.Resnapshots + 1}: gap {before.Gaps + 1}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resync_ServerSaysItFellBehind_ResnapshotsAndTheViewEqualsTheServers()
    {
        await using var setup = await WatchingAsync();
        var (_, model, browser, wire) = setup;
        var before = browser.Counts;

        // What the server does when this browser's outbox overflows: its queued batches are dropped for one Resync order.
        var replaced = wire.FellBehindAt(b => b.View == View);
        model.ApplyStatus(Events.TaskUpdate(0, "t0", TaskState.Running, 1) with { Job = Key.Job });
        await replaced.WaitAsync(Timeout);

        await browser.WaitUntil(s => s.Instances.Any(i => i.InstanceId == 0 && i.TaskStatus == TaskState.Running), "the change the browser never received");
        Assert.Equal(before with { Snapshots = before.Snapshots + 1, FellBehind = 1 }, browser.Counts);
        await AssertShowsWhatTheServerHoldsAsync(browser, model);
    }

    /// <summary>The browser's copy of the view, compared field by field with a snapshot the server takes now.</summary>
    private static async Task AssertShowsWhatTheServerHoldsAsync(TestBrowser browser, DashboardModel model)
    {
        var server = model.UpdateSnapshot(View);
        var shown = await browser.ReadAsync(s => (s.Epoch, s.Version, Header: s.Update(View), Rows: s.Instances.ToList(), History: s.History.ToList(), Tail: s.Tail.ToList()));
        Assert.Equal((server.Epoch, server.Version), (shown.Epoch, shown.Version));
        Assert.Equal(server.Update, shown.Header);
        Assert.Equal(server.DecodeRows(), shown.Rows);
        Assert.Equal(server.History, shown.History);
        Assert.Equal(server.Tail, shown.Tail);
    }

    /// <summary>A dashboard whose model holds a test update (four instances, none started) and a browser watching it.</summary>
    private static async Task<Setup> WatchingAsync()
    {
        var app = new DashboardApp(("Emulator:Scenarios", "healthy-rollout"));
        TestBrowser? browser = null;
        try
        {
            await app.WaitUntilLiveAsync(); // the upstream's own snapshot would start a new epoch
            var model = app.Services.GetRequiredService<DashboardModel>();
            model.ApplyUpdater(Events.Started(instances: 4) with { Update = Key });

            // Published before the browser subscribes, so its first snapshot has the update.
            using (var published = new CancellationTokenSource(Timeout))
            {
                while (model.UpdateSnapshot(View).Update is null) await Task.Delay(20, published.Token);
            }

            InterceptingProtocol? wire = null;
            browser = new TestBrowser(app.BaseAddress, protocol: p => wire = new InterceptingProtocol(p));
            await browser.StartAsync();
            await browser.WatchAsync(View);
            await browser.WaitUntil(s => s.Instances.Count == 4 && s.Version == model.UpdateSnapshot(View).Version,
                "the update's four instances, as current as the server");
            return new Setup(app, model, browser, wire!);
        }
        catch
        {
            if (browser is not null) await browser.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }
    }

    private sealed record Setup(DashboardApp App, DashboardModel Model, TestBrowser Browser, InterceptingProtocol Wire) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            await App.DisposeAsync();
        }
    }
}
