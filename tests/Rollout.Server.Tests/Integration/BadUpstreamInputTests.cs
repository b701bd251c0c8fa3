using Rollout.Contracts.Mapping;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.Tests.Support;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Integration;

public class BadUpstreamInputTests
{
    private static Wire.StatusStreamMessage Live(ulong sequence, Wire.TaskStatusUpdate update) =>
        new() { Event = new Wire.StatusEvent { Position = new Wire.StreamPosition { Epoch = "e1", Sequence = sequence }, Update = update } };

    [Fact]
    public async Task BadMessages_AreCountedAndShown_AndTheStreamGoesOn()
    {
        await using var upstream = new ScriptedScheduler();
        var started = Events.Started(instances: 2);
        var good = Events.TaskUpdate(0, "t0", TaskState.Running, 5, "<b>Task is healthy.</b>").ToProto();
        var unknownState = Events.TaskUpdate(1, "t1", TaskState.Running, 6).ToProto();
        unknownState.State = (Wire.TaskState)42;
        var noJob = Events.TaskUpdate(1, "t1", TaskState.Starting, 6).ToProto();
        noJob.Job = null;
        var huge = Events.TaskUpdate(1, "t1", TaskState.Starting, 7, new string('x', 2_000_000)).ToProto();
        upstream.UpdaterScript.Add(new Wire.UpdaterStreamMessage { SnapshotBegin = new Wire.SnapshotBoundary { Position = new() { Epoch = "e1" } } });
        upstream.UpdaterScript.Add(new Wire.UpdaterStreamMessage { SnapshotItem = started.ToProto() });
        upstream.UpdaterScript.Add(new Wire.UpdaterStreamMessage { SnapshotEnd = new Wire.SnapshotBoundary { Position = new() { Epoch = "e1", Sequence = 1 } } });
        upstream.UpdaterScript.Add(new Wire.UpdaterStreamMessage()); // no kind at all
        upstream.StatusScript.AddRange([Live(1, unknownState), Live(2, noJob), Live(3, good), Live(4, huge)]);
        await upstream.StartAsync();

        using var app = new DashboardApp(("Upstream:Address", upstream.Address.ToString()));
        await using var client = await app.ConnectAsync("www-data/prod/web#web-1");

        await client.WaitUntil(s => s.Connection.BadMessages == 3 && s.Instances.Any(i => i.InstanceId == 1 && i.TaskStatus == TaskState.Starting),
            "three bad messages counted, the good ones applied");
        var instances = client.Store.Instances.ToDictionary(i => i.InstanceId);
        Assert.Equal(TaskState.Running, instances[0].TaskStatus);
        Assert.Equal(UpstreamState.Live, client.Store.Connection.State);
        Assert.Contains("bad message skipped", client.Store.Connection.Detail, StringComparison.Ordinal);
    }
}
