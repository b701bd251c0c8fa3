using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Updates;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Integration;

/// <summary>Several dashboard replicas, one upstream: each folds the stream itself, so no state is shared between them.</summary>
public class ScaleOutTests
{
    private const string Api = "payments/prod/api#api-1";

    [Fact]
    public async Task PauseThroughOneReplica_ReachesTheOthersViewerThroughTheUpstream()
    {
        var port = ExternalEmulator.FreePort();
        await using var upstream = await ExternalEmulator.StartAsync(port, "mixed-executors", speed: 5);
        using var replicaA = new DashboardApp(("Upstream:Address", $"http://127.0.0.1:{port}"), ("Upstream:ApiKey", ExternalEmulator.Key), ("Dashboard:Auth:UserName", "dana"));
        using var replicaB = new DashboardApp(("Upstream:Address", $"http://127.0.0.1:{port}"), ("Upstream:ApiKey", ExternalEmulator.Key));
        await using var viewerA = await replicaA.ConnectAsync(Api);
        await using var viewerB = await replicaB.ConnectAsync(Api);
        await viewerB.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollingForward, "replica B sees the update rolling");

        var result = await viewerA.SendAsync(ControlCommand.Pause, new CommandRequest(Api, "holding for the canary"));

        Assert.Equal(ControlOutcome.Ok, result.Outcome);
        await viewerB.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollForwardPaused && s.History.Count > 0
            && s.History[^1] is { User: "dana", Message: "holding for the canary" }, "replica B's viewer sees the pause, who and why");
        await viewerA.WaitUntil(s => s.Update(Api)?.Status == UpdateStatus.RollForwardPaused, "replica A's viewer too");
    }
}
