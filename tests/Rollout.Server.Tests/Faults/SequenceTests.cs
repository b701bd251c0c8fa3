using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;
using static Rollout.Server.Tests.Faults.Scripts;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// Live events whose position does not move forward (a duplicate, a sequence going backwards, an
/// old epoch's event) are refused, counted, shown and logged, and never move the position back: the
/// next resubscription resumes from the furthest position accepted.
/// </summary>
public class SequenceTests
{
    private const string WebKey = "www-data/prod/web#web-1";

    [Fact]
    public async Task OutOfOrderEvents_AreRefusedCountedAndShown_PositionNeverMovesBack()
    {
        await using var upstream = new ScriptedScheduler();
        upstream.UpdaterScript.AddRange(UpdaterSnapshot("e2", 1, "new subscriber", Events.Started(instances: 2)));
        upstream.StatusScript.AddRange(
        [
            .. StatusSnapshot("e2", 0, "new subscriber"),
            Live("e2", 1, Events.TaskUpdate(0, "t0", TaskState.Starting, 5)),
            Live("e2", 2, Events.TaskUpdate(0, "t0", TaskState.Running, 6)),
            Live("e2", 3, Events.TaskUpdate(1, "t1", TaskState.Starting, 7)),
            Live("e2", 3, Events.TaskUpdate(0, "t0", TaskState.Failed, 8, "a duplicate sequence")),
            Live("e2", 1, Events.TaskUpdate(1, "t1", TaskState.Failed, 9, "a sequence going backwards")),
            Live("e1", 99, Events.TaskUpdate(1, "ghost", TaskState.Running, 10, "an old epoch's event")),
        ]);
        upstream.StatusResumeScript = [.. StatusSnapshot("e2", 1, "a snapshot behind what the dashboard holds",
            Events.TaskUpdate(0, "t0", TaskState.Starting, 5))];
        upstream.UpdaterResumeScript = [];
        await upstream.StartAsync();
        await using var proxy = new FaultProxy(upstream.Address);
        var logs = new CapturingLoggerProvider();
        using var app = new DashboardApp(b => b.ConfigureLogging(l => l.AddProvider(logs)), ("Upstream:Address", proxy.Address.ToString()));
        await using var client = await app.ConnectAsync(WebKey);

        await client.WaitUntil(s => s.Connection.RejectedEvents == 3, "three events refused, and the browser told");
        var (rows, detail) = await client.ReadAsync(s => (s.Instances.ToArray(), s.Connection.Detail));
        Assert.Equal(("t0", TaskState.Running), (rows[0].TaskId, rows[0].TaskStatus));
        Assert.Equal(("t1", TaskState.Starting), (rows[1].TaskId, rows[1].TaskStatus));
        Assert.Contains("refused", detail, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("event(s) refused", StringComparison.Ordinal));

        proxy.Reset();

        await SubscriberRig.WaitUntil(() => upstream.StatusRequests.Count == 2, "the status stream resubscribed");
        var resume = upstream.StatusRequests.Last().ResumeFrom;
        Assert.Equal(("e2", 3UL), (resume.Epoch, resume.Sequence));

        // It is answered with a snapshot behind the position held: refused too, and the state stays.
        await client.WaitUntil(s => s.Connection is { RejectedEvents: 4, Snapshots: 3 }, "the snapshot behind refused");
        Assert.Equal(TaskState.Running, await client.ReadAsync(s => s.Instances[0].TaskStatus));
        Assert.Contains(logs.Lines, l => l.Text.Contains("refused: behind the position held e2:3", StringComparison.Ordinal));
        proxy.Reset();
        await SubscriberRig.WaitUntil(() => upstream.StatusRequests.Count == 3, "the status stream resubscribed again");
        resume = upstream.StatusRequests.Last().ResumeFrom;
        Assert.Equal(("e2", 3UL), (resume.Epoch, resume.Sequence));
        await client.WaitUntil(s => s.Connection.RejectedEvents == 5, "the same snapshot refused again");
        Assert.Equal(TaskState.Running, await client.ReadAsync(s => s.Instances[0].TaskStatus));
        Assert.Equal(5, app.Services.GetRequiredService<DashboardModel>().Connection.RejectedEvents);
    }

    [Fact]
    public async Task FloodOfDuplicates_AllCounted_LoggedInAFewLines()
    {
        const int Duplicates = 2000;
        await using var upstream = new ScriptedScheduler();
        upstream.UpdaterScript.AddRange(UpdaterSnapshot("e1", 1, "new subscriber", Events.Started(instances: 2)));
        upstream.StatusScript.AddRange(StatusSnapshot("e1", 0, "new subscriber"));
        upstream.StatusScript.Add(Live("e1", 1, Events.TaskUpdate(0, "t0", TaskState.Running, 5)));
        upstream.StatusScript.AddRange(Enumerable.Range(0, Duplicates).Select(i => Live("e1", 1, Events.TaskUpdate(0, "t0", TaskState.Failed, 6 + i))));
        await upstream.StartAsync();
        var logs = new CapturingLoggerProvider();
        using var app = new DashboardApp(b => b.ConfigureLogging(l => l.AddProvider(logs)), ("Upstream:Address", upstream.Address.ToString()));
        await using var client = await app.ConnectAsync(WebKey); // MessagePack, as browsers speak: the counts travel in it too

        await client.WaitUntil(s => s.Connection.RejectedEvents == Duplicates, "every duplicate counted, and the browser told");

        Assert.Equal(TaskState.Running, await client.ReadAsync(s => s.Instances[0].TaskStatus));
        var lines = logs.Lines.Where(l => l.Text.Contains("refused", StringComparison.Ordinal)).ToList();
        Assert.InRange(lines.Count, 1, 3);
        Assert.Contains(lines, l => l.Text.Contains("in all", StringComparison.Ordinal));
    }
}
