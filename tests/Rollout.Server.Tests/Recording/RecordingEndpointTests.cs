using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Contracts.Recording;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Emulator.Events;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Recording;

/// <summary>GET /api/updates/{role}/{env}/{name}/{updateId}/recording on the dashboard with its embedded emulator.</summary>
public sealed class RecordingEndpointTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly UpdateKey Key = new(new JobKey("www-data", "prod", "web"), "web-1");

    private readonly LateRolloutScenario _scenario = new("late-rollout", hosts: 10, instances: 8, groupSize: 4);

    [Fact]
    public async Task GetRecording_AfterTheRollout_HoldsItsStartStatusChangesActionsAndItsInstancesTaskEventsInOrder()
    {
        await using var app = new DashboardApp(("Emulator:Scenarios", _scenario.Path), ("Emulator:Speed", "20"));
        await app.WaitUntilLiveAsync().WaitAsync(Timeout);
        Assert.True(app.Engine.StatusOf(Key) is null, "the update started before the dashboard was live: raise atSecs");
        var model = app.Services.GetRequiredService<DashboardModel>();
        await Poll.UntilAsync(() => app.Engine.StatusOf(Key)?.IsTerminal() == true, Timeout, () => $"the update finished; it is {app.Engine.StatusOf(Key)}");
        var updaterLog = Log(app.Engine.UpdaterLog).Where(e => e.Update == Key).ToList();
        var start = updaterLog.OfType<UpdateStarted>().Single().Timestamp;
        var end = updaterLog[^1].Timestamp + UpdateJournal.LateWindow; // task events up to the late window after the end are the update's too
        List<TaskStatusUpdate> StatusLog() => Log(app.Engine.StatusLog).Where(u => u.Job == Key.Job && u.Timestamp <= end).ToList();
        await Poll.UntilAsync(() => model.Recording(Key)?.StatusEventCount == StatusLog().Count(u => u.Timestamp >= start) + 8 // and a prior state per instance
                && model.Recording(Key)?.UpdaterEventCount == updaterLog.Count,
            Timeout, () => $"every event journaled; {model.Recording(Key)?.StatusEventCount} status events, the log has {StatusLog().Count(u => u.Timestamp >= start)} + 8");
        var statusLog = StatusLog();
        using var http = app.CreateHttp();

        using var response = await http.GetAsync(new Uri("/api/updates/www-data/prod/web/web-1/recording", UriKind.Relative)).WaitAsync(Timeout);
        var recording = RecordingReader.Read(await response.Content.ReadAsStreamAsync().WaitAsync(Timeout));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("www-data-prod-web-web-1.rollout.jsonl", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(Key, recording.Update);
        Assert.False(recording.Truncated);

        // The updater stream: exactly the update's events as the scheduler logged them, start first and end last.
        Assert.Equal(updaterLog.Select(e => new RecordedUpdater(e)), recording.Events.OfType<RecordedUpdater>());
        var statuses = recording.UpdaterEvents().OfType<UpdateStatusChanged>().Select(s => s.Status).ToList();
        Assert.Equal([UpdateStatus.RollingForward, UpdateStatus.RolledForward], statuses);
        var startedAt = IndexOf(recording, e => e is RecordedUpdater { Event: UpdateStarted });

        // The status stream, instance by instance: the state the update found (prior, before its start), then every task event since.
        for (var instance = 0; instance < 8; instance++)
        {
            var recorded = recording.Events.Select((e, i) => (e, i)).Where(x => x.e is RecordedStatus s && s.Update.InstanceId == instance).ToList();
            var prior = (RecordedStatus)recorded[0].e;
            Assert.True(prior.Prior);
            Assert.True(recorded[0].i < startedAt);
            Assert.Equal(statusLog.Last(u => u.InstanceId == instance && u.Timestamp < start), prior.Update);
            Assert.Equal(TaskState.Running, prior.Update.State);
            Assert.Equal(statusLog.Where(u => u.InstanceId == instance && u.Timestamp >= start), recorded.Skip(1).Select(x => ((RecordedStatus)x.e).Update));
            Assert.All(recorded.Skip(1), x => Assert.False(((RecordedStatus)x.e).Prior));

            var actions = recording.UpdaterEvents().OfType<InstanceActionRecorded>().Where(a => a.InstanceId == instance).Select(a => a.Action);
            Assert.Equal([InstanceAction.InstanceUpdating, InstanceAction.InstanceUpdated], actions);
        }
    }

    [Fact]
    public async Task GetRecording_UnknownUpdateOrSignedOut_Is404Or401()
    {
        await using var app = new DashboardApp(("Emulator:Scenarios", _scenario.Path));
        using var http = app.CreateHttp();
        using var anonymous = app.CreateHttp(token: null);

        using var missing = await http.GetAsync(new Uri("/api/updates/www-data/prod/web/nope/recording", UriKind.Relative)).WaitAsync(Timeout);
        using var signedOut = await anonymous.GetAsync(new Uri("/api/updates/www-data/prod/web/web-1/recording", UriKind.Relative)).WaitAsync(Timeout);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no update www-data/prod/web#nope", await missing.Content.ReadAsStringAsync().WaitAsync(Timeout), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
    }

    public void Dispose() => _scenario.Dispose();

    private static int IndexOf(UpdateRecording recording, Func<RecordedEvent, bool> match) =>
        recording.Events.Select((e, i) => (e, i)).First(x => match(x.e)).i;

    private static List<T> Log<T>(EventLog<T> log)
    {
        var all = new List<Domain.Streams.LiveEvent<T>>();
        Assert.Equal(ReadResult.Ok, log.ReadAfter(log.Oldest - 1, int.MaxValue, all));
        return all.ConvertAll(e => e.Item);
    }
}
