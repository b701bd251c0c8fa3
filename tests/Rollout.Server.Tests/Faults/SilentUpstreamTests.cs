using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.Tests.Support;
using static Rollout.Server.Tests.Faults.Scripts;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// Above the transport's keepalive: a stream silent for Upstream:StaleAfterSeconds is resubscribed
/// to check the scheduler still answers (a Kubernetes-style re-watch), and a resubscription left
/// unanswered marks the data stale. On the test's clock: this bounds how long stale data can be
/// shown as live even where pings are answered by something that is not the scheduler.
/// </summary>
public class SilentUpstreamTests
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

    private static ScriptedScheduler Upstream()
    {
        var upstream = new ScriptedScheduler();
        upstream.UpdaterScript.AddRange(UpdaterSnapshot("e1", 3, "new subscriber", Events.Started(instances: 2)));
        upstream.StatusScript.AddRange(StatusSnapshot("e1", 7, "new subscriber", Events.TaskUpdate(0, "t0", TaskState.Running, 5)));
        return upstream;
    }

    [Fact]
    public async Task SilentStream_ResubscriptionUnanswered_DataMarkedStaleWithinBoundedTime()
    {
        var time = new FakeTimeProvider(Events.T0);
        await using var upstream = Upstream();
        var never = new TaskCompletionSource();
        upstream.StatusResumeGate = never.Task; // the scheduler hangs: a resubscription gets nothing, not even headers
        upstream.UpdaterResumeGate = never.Task;
        await upstream.StartAsync();
        await using var rig = new SubscriberRig(upstream.Address, time, (int)StaleAfter.TotalSeconds);
        await rig.StartAsync();
        await SubscriberRig.WaitUntil(() => rig.Model.Connection is { State: UpstreamState.Live, Snapshots: 2 }, "live");

        time.Advance(StaleAfter * 1.25);
        await SubscriberRig.WaitUntil(() => upstream.StatusRequests.Count == 2 && upstream.UpdaterRequests.Count == 2, "both silent streams resubscribed");
        Assert.Equal(UpstreamState.Live, rig.Model.Connection.State); // a check is no outage yet

        var waited = await AdvanceUntilAsync(time, () => rig.Model.Connection.State != UpstreamState.Live);

        Assert.True(waited <= StaleAfter * 1.5, $"stale only after {waited} more");
        Assert.Equal(UpstreamState.Reconnecting, rig.Model.Connection.State);
        Assert.Contains("no answer from the upstream within 60 s", rig.Model.Connection.Detail, StringComparison.Ordinal);
        Assert.Equal(2, rig.Model.Connection.Snapshots); // what was shown stays, marked stale, not dropped
        never.SetResult();
    }

    [Fact]
    public async Task QuietButHealthyStream_ResubscribedFromItsPosition_StaysLive()
    {
        var time = new FakeTimeProvider(Events.T0);
        await using var upstream = Upstream();
        // A resumed subscription: headers, and the next event (from where the dashboard said it was).
        upstream.StatusResumeScript = [Live("e1", 8, Events.TaskUpdate(1, "t1", TaskState.Starting, 70))];
        upstream.UpdaterResumeScript = [Live("e1", 4, Events.Status(UpdateStatus.RollingForward, 70))];
        await upstream.StartAsync();
        await using var rig = new SubscriberRig(upstream.Address, time, (int)StaleAfter.TotalSeconds);
        await rig.StartAsync();
        await SubscriberRig.WaitUntil(() => rig.Model.Connection is { State: UpstreamState.Live, Snapshots: 2 }, "live");

        time.Advance(StaleAfter * 1.25);

        await SubscriberRig.WaitUntil(() => rig.Status.Position.Sequence == 8 && rig.Updater.Position.Sequence == 4, "both streams checked, and answered");
        Assert.Equal(("e1", 7UL), upstream.StatusRequests.Skip(1).Select(r => (r.ResumeFrom.Epoch, r.ResumeFrom.Sequence)).Single());
        Assert.Equal(("e1", 3UL), upstream.UpdaterRequests.Skip(1).Select(r => (r.ResumeFrom.Epoch, r.ResumeFrom.Sequence)).Single());
        Assert.Equal(UpstreamState.Live, rig.Model.Connection.State);
        Assert.Equal(0, rig.Model.Connection.Reconnects); // a check is not a reconnect
        Assert.Equal(2, rig.Model.Connection.Snapshots);
    }

    /// <summary>
    /// Moves the clock in quarter steps (giving the subscribers a moment between them) until the
    /// condition holds; returns how far it moved. Fails after three times the limit.
    /// </summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition)
    {
        var moved = TimeSpan.Zero;
        var step = StaleAfter / 4;
        while (!condition())
        {
            Assert.True(moved < StaleAfter * 3, "the data was never marked stale");
            time.Advance(step);
            moved += step;
            var deadline = DateTime.UtcNow.AddMilliseconds(500);
            while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(10);
        }

        return moved;
    }
}
