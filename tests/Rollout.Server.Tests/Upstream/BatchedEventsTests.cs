using Rollout.Contracts.Mapping;
using Rollout.Domain.Model;
using Rollout.Server.Tests.Support;
using static Rollout.Server.Tests.Faults.Scripts;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Upstream;

/// <summary>
/// The dashboard asks for batched live events, and reads a batch message event by event: each passes
/// the position gate, an unreadable one is skipped and counted, and the others are all kept.
/// </summary>
public class BatchedEventsTests
{
    private const string WebKey = "www-data/prod/web#web-1";

    [Fact]
    public async Task BatchMessage_WithADuplicateAndAnUnreadableEvent_KeepsEveryOtherEventAndCountsBoth()
    {
        await using var upstream = new ScriptedScheduler();
        upstream.UpdaterScript.AddRange(
        [
            .. UpdaterSnapshot("e2", 0, "new subscriber"),
            new Wire.UpdaterStreamMessage { Events = new Wire.UpdaterEventBatch { Events = { Live("e2", 1, Events.Started(instances: 2)).Event } } },
        ]);
        upstream.StatusScript.AddRange(
        [
            .. StatusSnapshot("e2", 0, "new subscriber"),
            new Wire.StatusStreamMessage
            {
                Events = new Wire.StatusEventBatch
                {
                    Events =
                    {
                        Live("e2", 1, Events.TaskUpdate(0, "t0", TaskState.Starting, 5)).Event,
                        Live("e2", 2, Events.TaskUpdate(0, "t0", TaskState.Running, 6)).Event,
                        Live("e2", 2, Events.TaskUpdate(0, "t0", TaskState.Failed, 7, "a duplicate sequence")).Event,
                        new Wire.StatusEvent { Position = At("e2", 3) }, // no update: unreadable
                        Live("e2", 4, Events.TaskUpdate(1, "t1", TaskState.Starting, 8)).Event,
                    },
                },
            },
        ]);
        await upstream.StartAsync();
        using var app = new DashboardApp(("Upstream:Address", upstream.Address.ToString()));
        await using var client = await app.ConnectAsync(WebKey);

        await client.WaitUntil(s => s.Instances.Count == 2 && s.Instances[1].TaskStatus == TaskState.Starting, "both instances' events folded");

        var (rows, connection) = await client.ReadAsync(s => (s.Instances.ToArray(), s.Connection));
        Assert.Equal(("t0", TaskState.Running), (rows[0].TaskId, rows[0].TaskStatus));
        Assert.Equal(("t1", TaskState.Starting), (rows[1].TaskId, rows[1].TaskStatus));
        Assert.Equal(1, connection.RejectedEvents);
        Assert.Equal(1, connection.BadMessages);
        Assert.True(upstream.StatusRequests.First().BatchedEvents);
        Assert.True(upstream.UpdaterRequests.First().BatchedEvents);
    }
}
