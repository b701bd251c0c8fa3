using Microsoft.AspNetCore.SignalR.Client;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Server.Tests.Support;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Integration;

public class BadUpstreamInputTests
{
    private const string WebKey = "www-data/prod/web#web-1";

    private static Wire.StatusStreamMessage Live(ulong sequence, Wire.TaskStatusUpdate update) =>
        new() { Event = new Wire.StatusEvent { Position = new Wire.StreamPosition { Epoch = "e1", Sequence = sequence }, Update = update } };

    private static Wire.UpdaterStreamMessage Live(ulong sequence, UpdaterEvent e) =>
        new() { Event = new Wire.SequencedUpdaterEvent { Position = new Wire.StreamPosition { Epoch = "e1", Sequence = sequence }, Event = e.ToProto() } };

    private static Wire.SnapshotBoundary Boundary(ulong sequence, int announced = 0) =>
        new() { Position = new Wire.StreamPosition { Epoch = "e1", Sequence = sequence }, ItemCount = (uint)announced, Reason = "sequence no longer retained" };

    /// <summary>A good snapshot of one update, then whatever follows.</summary>
    private static List<Wire.UpdaterStreamMessage> UpdaterSnapshot(params Wire.UpdaterStreamMessage[] then) =>
    [
        new() { SnapshotBegin = Boundary(0, 1) },
        new() { SnapshotItem = Events.Started(instances: 2).ToProto() },
        new() { SnapshotEnd = Boundary(1) },
        .. then,
    ];

    [Fact]
    public async Task BadMessages_AreCountedAndShown_AndTheStreamGoesOn()
    {
        await using var upstream = new ScriptedScheduler();
        var started = Events.Started(instances: 2);
        var good = Events.TaskUpdate(0, "t0", TaskState.Running, 5, "<b>Task is healthy.</b>").ToProto();
        var unknownSource = Events.TaskUpdate(1, "t1", TaskState.Running, 6).ToProto(); // an unknown state is kept (UnknownInputTests)
        unknownSource.Source = (Wire.StatusSource)42;
        var noJob = Events.TaskUpdate(1, "t1", TaskState.Starting, 6).ToProto();
        noJob.Job = null;
        var huge = Events.TaskUpdate(1, "t1", TaskState.Starting, 7, new string('x', 2_000_000)).ToProto();
        upstream.UpdaterScript.Add(new Wire.UpdaterStreamMessage { SnapshotBegin = new Wire.SnapshotBoundary { Position = new() { Epoch = "e1" } } });
        upstream.UpdaterScript.Add(new Wire.UpdaterStreamMessage { SnapshotItem = started.ToProto() });
        upstream.UpdaterScript.Add(new Wire.UpdaterStreamMessage { SnapshotEnd = new Wire.SnapshotBoundary { Position = new() { Epoch = "e1", Sequence = 1 } } });
        upstream.UpdaterScript.Add(new Wire.UpdaterStreamMessage()); // no kind at all
        upstream.StatusScript.AddRange([Live(1, unknownSource), Live(2, noJob), Live(3, good), Live(4, huge)]);
        await upstream.StartAsync();

        using var app = new DashboardApp(("Upstream:Address", upstream.Address.ToString()));
        await using var client = await app.ConnectAsync("www-data/prod/web#web-1");

        await client.WaitUntil(s => s.Connection.BadMessages == 3 && s.Instances.Any(i => i.InstanceId == 1 && i.TaskStatus == TaskState.Starting),
            "three bad messages counted, the good ones applied");
        var instances = await client.ReadAsync(s => s.Instances.ToDictionary(i => i.InstanceId));
        Assert.Equal(TaskState.Running, instances[0].TaskStatus);
        Assert.Equal(UpstreamState.Live, await client.ReadAsync(s => s.Connection.State));
        Assert.Contains("bad message skipped", await client.ReadAsync(s => s.Connection.Detail), StringComparison.Ordinal);

        // The 2,000,000-character message was cut where it arrived: no more than the cap is held.
        var detail = await client.Hub.InvokeAsync<InstanceDetail?>(nameof(IDashboardHub.GetInstanceDetail), WebKey, 1).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(UpstreamLimits.MaxMessageChars, detail!.Timeline.Single(e => e.Timestamp == Events.T0.AddSeconds(7)).MessageLength);
    }
    [Fact]
    public async Task BurstOfLiveEvents_WithAnUnreadableOneInside_FoldsEveryGoodOne()
    {
        // More than one fold batch arrives at once: the subscriber folds it in several batches.
        const int Instances = 600;
        await using var upstream = new ScriptedScheduler();
        upstream.UpdaterScript.AddRange(UpdaterSnapshot([]));
        upstream.UpdaterScript[1] = new() { SnapshotItem = Events.Started(instances: Instances).ToProto() };
        var noJob = Events.TaskUpdate(300, "t300", TaskState.Starting, 6).ToProto();
        noJob.Job = null;
        upstream.StatusScript.AddRange(Enumerable.Range(0, Instances).Select(i =>
            Live((ulong)i + 1, i == 300 ? noJob : Events.TaskUpdate(i, $"t{i}", TaskState.Running, 5).ToProto())));
        await upstream.StartAsync();

        using var app = new DashboardApp(("Upstream:Address", upstream.Address.ToString()));
        await using var client = await app.ConnectAsync(WebKey);

        await client.WaitUntil(s => s.Connection.BadMessages == 1 && s.Instances.Count(i => i.TaskStatus == TaskState.Running) == Instances - 1,
            "every good event of the burst folded, the unreadable one counted");
        Assert.Equal(string.Empty, await client.ReadAsync(s => s.Instances.Single(i => i.InstanceId == 300).TaskId));

        Assert.Single(upstream.StatusRequests); // no resubscription: a bad event is never fatal
    }

    [Theory]
    [InlineData(0, "updater: snapshot exceeded 5 items; resubscribing")] // the announced count lies
    [InlineData(8, "updater: snapshot announced 8 items, more than the 5 allowed; resubscribing")]
    public async Task OversizedUpdaterSnapshot_IsOneBadMessage_KeepsTheModel_AndResubscribes(int announced, string detail)
    {
        await using var upstream = new ScriptedScheduler();
        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var others = Enumerable.Range(0, 8).Select(i => new Wire.UpdaterStreamMessage
        {
            SnapshotItem = (Events.Started(instances: 1) with { Update = new UpdateKey(Events.Job, $"other-{i}") }).ToProto(),
        });
        upstream.UpdaterScript.AddRange(UpdaterSnapshot(
        [
            Live(2, Events.Status(UpdateStatus.RollForwardPaused, second: 1)),
            new() { SnapshotBegin = Boundary(20, announced) },
            .. others,
            new() { SnapshotEnd = Boundary(20) },
        ]));
        upstream.UpdaterResumeScript = [Live(3, Events.Status(UpdateStatus.RolledForward, second: 2))];
        upstream.UpdaterResumeGate = resumed.Task;
        await upstream.StartAsync();

        using var app = new DashboardApp(("Upstream:Address", upstream.Address.ToString()), ("Upstream:MaxUpdaterSnapshotItems", "5"));
        await using var client = await app.ConnectAsync(WebKey);

        // While the resubscription waits, the dashboard says why and still shows what it held.
        await client.WaitUntil(s => s.Connection.BadMessages == 1 && s.Connection.Detail.Contains(detail, StringComparison.Ordinal),
            "the oversized snapshot counted once and named");
        Assert.Equal(UpdateStatus.RollForwardPaused, await client.ReadAsync(s => s.Update(WebKey)?.Status));
        Assert.Equal([WebKey], await client.ReadAsync(s => s.Updates.Select(u => u.Key).ToList()));
        Assert.Equal(2, await client.ReadAsync(s => s.Instances.Count));

        resumed.SetResult();
        await client.WaitUntil(s => s.Update(WebKey)?.Status == UpdateStatus.RolledForward && s.Connection.State == UpstreamState.Live,
            "the resumed stream goes on");
        Assert.Equal(1, await client.ReadAsync(s => s.Connection.BadMessages));
        Assert.Equal(2, upstream.UpdaterRequests.Count);
        Assert.Equal(new Wire.StreamPosition { Epoch = "e1", Sequence = 2 }, upstream.UpdaterRequests.Last().ResumeFrom);
    }

    [Fact]
    public async Task StatusSnapshotPastTheByteCap_IsOneBadMessage_KeepsTheModel_AndResubscribes()
    {
        await using var upstream = new ScriptedScheduler();
        var resumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        upstream.UpdaterScript.AddRange(UpdaterSnapshot());
        upstream.StatusScript.Add(Live(1, Events.TaskUpdate(0, "t0", TaskState.Running, 5).ToProto()));
        upstream.StatusScript.Add(new Wire.StatusStreamMessage { SnapshotBegin = Boundary(10, 3) });
        upstream.StatusScript.AddRange(Enumerable.Range(0, 3).Select(i => new Wire.StatusStreamMessage
        {
            SnapshotItem = Events.TaskUpdate(1, $"t{i}", TaskState.Starting, 6, new string('x', 4_000)).ToProto(),
        }));
        upstream.StatusScript.Add(new Wire.StatusStreamMessage { SnapshotEnd = Boundary(10) });
        upstream.StatusResumeScript = [Live(2, Events.TaskUpdate(1, "t1", TaskState.Running, 7).ToProto())];
        upstream.StatusResumeGate = resumed.Task;
        await upstream.StartAsync();

        using var app = new DashboardApp(("Upstream:Address", upstream.Address.ToString()), ("Upstream:MaxSnapshotBytes", "10000"));
        await using var client = await app.ConnectAsync(WebKey);

        await client.WaitUntil(s => s.Connection.BadMessages == 1 && s.Connection.Detail.Contains("status: snapshot exceeded 10000 bytes", StringComparison.Ordinal),
            "the oversized snapshot counted once and named");
        var instances = await client.ReadAsync(s => s.Instances.ToDictionary(i => i.InstanceId));
        Assert.Equal(TaskState.Running, instances[0].TaskStatus);
        Assert.Null(instances[1].TaskStatus);

        resumed.SetResult();
        await client.WaitUntil(s => s.Instances.Any(i => i.InstanceId == 1 && i.TaskStatus == TaskState.Running) && s.Connection.State == UpstreamState.Live,
            "the resumed stream goes on");
        Assert.Equal(1, await client.ReadAsync(s => s.Connection.BadMessages));
        Assert.Equal(TaskState.Running, await client.ReadAsync(s => s.Instances.Single(i => i.InstanceId == 0).TaskStatus));
        Assert.Equal(new Wire.StreamPosition { Epoch = "e1", Sequence = 1 }, upstream.StatusRequests.Last().ResumeFrom);
    }
}
