using Microsoft.Extensions.DependencyInjection;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;
using static Rollout.Server.Tests.Faults.Scripts;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// A resubscription answered with a snapshot: of a new epoch (the upstream restarted) it replaces
/// everything and browsers reload; of the epoch held (the stream fell behind) it is merged, and
/// browsers keep their snapshots and get only what changed.
/// </summary>
public class EpochTests
{
    private const string WebKey = "www-data/prod/web#web-1";
    private static readonly Domain.Events.UpdateStarted Other = Events.Started(instances: 1) with
    {
        Update = new UpdateKey(new JobKey("r", "e", "other"), "u"),
    };

    private static ScriptedScheduler Upstream()
    {
        var upstream = new ScriptedScheduler();
        upstream.UpdaterScript.AddRange(UpdaterSnapshot("e1", 4, "new subscriber",
            Events.Started(instances: 2), Events.Status(UpdateStatus.RollingForward, 1), Events.Status(UpdateStatus.RollForwardPaused, 2, "bob", "hold"), Other));
        upstream.StatusScript.AddRange(StatusSnapshot("e1", 2, "new subscriber",
            Events.TaskUpdate(0, "t0", TaskState.Running, 5), Events.TaskUpdate(1, "t1", TaskState.Starting, 6)));
        return upstream;
    }

    [Fact]
    public async Task SameEpochSnapshot_NothingChanged_BrowsersKeepTheirSnapshots()
    {
        await using var upstream = Upstream();
        upstream.UpdaterResumeScript = [.. upstream.UpdaterScript];
        upstream.StatusResumeScript = [.. upstream.StatusScript];
        await using var rig = await Rig.StartAsync(upstream);

        rig.Proxy.Reset(); // both streams resubscribe; the upstream answers with the same snapshots

        await rig.WaitForSnapshots(4);
        Assert.Equal(rig.Epoch, rig.Model.Epoch);
        Assert.Equal((rig.UpdateLoads, rig.ListLoads), (rig.Update.Snapshots, rig.List.Snapshots));
        Assert.Equal((rig.Epoch, 2), await rig.Update.ReadAsync(s => (s.Epoch, s.History.Count)));
        Assert.Equal(2, await rig.List.ReadAsync(s => s.Updates.Count));
    }

    [Fact]
    public async Task SameEpochSnapshot_WithChanges_BrowsersGetOnlyTheChanges()
    {
        await using var upstream = Upstream();
        upstream.UpdaterResumeScript = [.. UpdaterSnapshot("e1", 6, "sequence no longer retained",
            Events.Started(instances: 2), Events.Status(UpdateStatus.RollingForward, 1), Events.Status(UpdateStatus.RollForwardPaused, 2, "bob", "hold"),
            Events.Status(UpdateStatus.RollingForward, 9, "bob", "go"))]; // `other` is gone
        upstream.StatusResumeScript = [.. StatusSnapshot("e1", 3, "sequence no longer retained",
            Events.TaskUpdate(0, "t0", TaskState.Running, 5), Events.TaskUpdate(1, "t1", TaskState.Running, 8))];
        await using var rig = await Rig.StartAsync(upstream);

        rig.Proxy.Reset();

        await rig.WaitForSnapshots(4);
        await rig.Update.WaitUntil(s => s.Instances[1].TaskStatus == TaskState.Running && s.History.Count == 3, "the changes");
        await rig.List.WaitUntil(s => s.Updates.Count == 1, "the update the snapshot lacks removed");
        Assert.Equal(rig.Epoch, rig.Model.Epoch);
        Assert.Equal((rig.UpdateLoads, rig.ListLoads), (rig.Update.Snapshots, rig.List.Snapshots));
        Assert.Equal(["ROLLING_FORWARD", "ROLL_FORWARD_PAUSED", "ROLLING_FORWARD"], await rig.Update.ReadAsync(s => s.History.Select(h => h.Status.WireName()).ToArray()));
    }

    [Fact]
    public async Task NewEpochSnapshot_UpstreamRestarted_FullResyncDropsWhatItLacks()
    {
        await using var upstream = Upstream();
        upstream.UpdaterResumeScript = [.. UpdaterSnapshot("e2", 1, "epoch e1 is not the current epoch e2",
            Events.Started(instances: 2), Events.Status(UpdateStatus.RollingForward, 30))];
        upstream.StatusResumeScript = [.. StatusSnapshot("e2", 1, "epoch e1 is not the current epoch e2",
            Events.TaskUpdate(0, "t0", TaskState.Running, 5))];
        await using var rig = await Rig.StartAsync(upstream);

        rig.Proxy.Reset();

        await rig.WaitForSnapshots(4);
        await rig.Update.WaitUntil(s => s.Epoch == rig.Model.Epoch && s.History.Count == 1, "the update view reloaded");
        await rig.List.WaitUntil(s => s.Epoch == rig.Model.Epoch && s.Updates.Count == 1, "the list reloaded");
        Assert.NotEqual(rig.Epoch, rig.Model.Epoch);
        Assert.True(rig.Update.Snapshots > rig.UpdateLoads);
        Assert.True(rig.List.Snapshots > rig.ListLoads);
        var history = Assert.Single(await rig.Update.ReadAsync(s => s.History.ToArray())); // e1's pause is not carried over
        Assert.Equal(UpdateStatus.RollingForward, history.Status);
        Assert.Equal("", await rig.Update.ReadAsync(s => s.Instances[1].TaskId)); // t1 is in no e2 snapshot: gone
    }

    /// <summary>A dashboard behind a fault proxy, with a browser on the update and one on the list, both loaded and live.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        private DashboardApp _app = default!;

        public FaultProxy Proxy { get; private init; } = default!;

        public TestBrowser Update { get; private set; } = default!;

        public TestBrowser List { get; private set; } = default!;

        public DashboardModel Model => _app.Services.GetRequiredService<DashboardModel>();

        /// <summary>The dashboard's epoch once loaded.</summary>
        public string Epoch { get; private set; } = "";

        /// <summary>Snapshots each browser took to load, before any fault.</summary>
        public int UpdateLoads { get; private set; }

        public int ListLoads { get; private set; }

        public static async Task<Rig> StartAsync(ScriptedScheduler upstream)
        {
            await upstream.StartAsync();
            var proxy = new FaultProxy(upstream.Address);
            var rig = new Rig { Proxy = proxy };
            rig._app = new DashboardApp(("Upstream:Address", proxy.Address.ToString()));
            await rig._app.WaitUntilLiveAsync();
            rig.Update = await rig._app.ConnectAsync(WebKey);
            rig.List = await rig._app.ConnectAsync();
            await rig.Update.WaitUntil(s => s.Connection.Snapshots == 2 && s.Instances.Count == 2 && s.History.Count == 2, "the update loaded");
            await rig.List.WaitUntil(s => s.Connection.Snapshots == 2 && s.Updates.Count == 2, "the list loaded");
            rig.Epoch = (await rig.Update.ReadAsync(s => s.Epoch))!;
            Assert.Equal(rig.Epoch, await rig.List.ReadAsync(s => s.Epoch));
            rig.UpdateLoads = rig.Update.Snapshots; // both upstream snapshots (each a new epoch) may come after a browser loaded
            rig.ListLoads = rig.List.Snapshots;
            return rig;
        }

        /// <summary>Until the model took that many snapshots, is live again and both browsers have heard of it.</summary>
        public async Task WaitForSnapshots(int count)
        {
            await Update.WaitUntil(s => s.Connection is { State: UpstreamState.Live } c && c.Snapshots == count, "the update view told of the snapshots");
            await List.WaitUntil(s => s.Connection is { State: UpstreamState.Live } c && c.Snapshots == count, "the list told of the snapshots");
        }

        public async ValueTask DisposeAsync()
        {
            await Update.DisposeAsync();
            await List.DisposeAsync();
            await _app.DisposeAsync();
            await Proxy.DisposeAsync();
        }
    }
}
