using Microsoft.Extensions.Time.Testing;
using Rollout.Contracts.Recording;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.Recording;

/// <summary>The read model's per-update journal, as <see cref="DashboardModel.Recording"/> serves it.</summary>
public class UpdateJournalTests
{
    private readonly FakeTimeProvider _time = new(T0.AddMinutes(10));

    private DashboardModel NewModel() => new(_time, TimeSpan.FromSeconds(15));

    private static UpdateRecording RecordingOf(DashboardModel model, UpdateKey? key = null)
    {
        model.Publish();
        return model.Recording(key ?? Key) ?? throw new InvalidOperationException("no recording");
    }

    private static RecordedStatus S(TaskStatusUpdate update, bool prior = false) => new RecordedStatus(update, prior);

    private static RecordedUpdater U(UpdaterEvent e) => new RecordedUpdater(e);

    [Fact]
    public void Recording_UnknownUpdate_IsNull()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.Publish();

        Assert.Null(model.Recording(Key with { Id = "web-2" }));
    }

    [Fact]
    public void Recording_LiveEventsOfBothStreams_AreKeptAsTheyArrived()
    {
        var model = NewModel();
        var running = TaskUpdate(0, "t0", TaskState.Running, -90, VCurrentRunning);
        var started = Started(instances: 2);
        var rolling = Status(UpdateStatus.RollingForward);
        var updating = Action(0, InstanceAction.InstanceUpdating, 1);
        var killing = TaskUpdate(0, "t0", TaskState.Killing, 1, "Killed for job update web-1");
        var pending = TaskUpdate(0, "t0b", TaskState.Pending, 2);
        var late = TaskUpdate(0, "t0", TaskState.Killed, 1); // stamped before the one it follows: kept where it arrived
        var updated = Action(0, InstanceAction.InstanceUpdated, 9);

        model.ApplyStatus(running);
        model.ApplyUpdater(started);
        model.ApplyUpdater(rolling);
        model.ApplyUpdater([updating]);
        model.ApplyStatus([killing, pending]);
        model.ApplyStatus(late);
        model.ApplyUpdater(updated);

        var recording = RecordingOf(model);

        Assert.Equal([S(running, prior: true), U(started), U(rolling), U(updating), S(killing), S(pending), S(late), U(updated)], recording.Events);
        Assert.Equal(Key, recording.Update);
        Assert.Equal(_time.GetUtcNow(), recording.RecordedAt);
        Assert.False(recording.Truncated);
    }

    [Fact]
    public void Recording_AtTheStart_TakesEachInstancesStateBeforeItAndWhatTheStatusStreamSentAhead()
    {
        var model = NewModel();
        var assigned = TaskUpdate(0, "t0", TaskState.Assigned, -100);
        var running0 = TaskUpdate(0, "t0", TaskState.Running, -90, VCurrentRunning);
        var running2 = TaskUpdate(2, "t2", TaskState.Running, -50, VCurrentRunning);
        var killing2 = TaskUpdate(2, "t2", TaskState.Killing, 1, "Killed for job update web-1"); // ahead of the update's start
        foreach (var e in new[] { assigned, running0, running2, killing2 }) model.ApplyStatus(e);
        var started = Started(instances: 3);

        model.ApplyUpdater(started);

        // Instance 1 has no task yet: nothing to take. The state before the start is flagged prior; what came ahead is not.
        Assert.Equal([S(running0, prior: true), S(running2, prior: true), S(killing2), U(started)], RecordingOf(model).Events);
        Assert.Equal(2, RecordingOf(model).PriorEventCount);
    }

    [Fact]
    public void Recording_StatusEventsOfOtherJobsOrInstances_AreLeftOutUntilTheUpdaterNamesTheInstance()
    {
        var model = NewModel();
        var started = Started(instances: 2);
        model.ApplyUpdater(started);
        var otherJob = TaskUpdate(0, "x0", TaskState.Running, 1) with { Job = new JobKey("www-data", "prod", "api") };
        var outside = TaskUpdate(7, "t7", TaskState.Running, 2);
        var named = Action(7, InstanceAction.InstanceUpdating, 3);
        var afterNamed = TaskUpdate(7, "t7", TaskState.Killing, 4);

        model.ApplyStatus(otherJob);
        model.ApplyStatus(outside);
        model.ApplyUpdater(named);
        model.ApplyStatus(afterNamed);

        Assert.Equal([U(started), U(named), S(afterNamed)], RecordingOf(model).Events);
    }

    [Fact]
    public void Recording_AfterTheUpdateEnded_TakesTaskEventsOnlyWithinTheLateWindow()
    {
        var model = NewModel();
        var started = Started(instances: 1);
        var done = Status(UpdateStatus.RolledForward, second: 100, user: "");
        model.ApplyUpdater(started);
        model.ApplyUpdater(done);
        var within = TaskUpdate(0, "t0", TaskState.Killed, 100 + (int)UpdateJournal.LateWindow.TotalSeconds);
        var after = TaskUpdate(0, "t1", TaskState.Pending, 101 + (int)UpdateJournal.LateWindow.TotalSeconds);

        model.ApplyStatus(within);
        model.ApplyStatus(after);

        Assert.Equal([U(started), U(done), S(within)], RecordingOf(model).Events);
    }

    [Fact]
    public void Recording_NewerUpdateOfTheJob_TakesOverTheTaskEvents()
    {
        var model = NewModel();
        var first = Started(instances: 1);
        model.ApplyUpdater(first);
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, 10, VCurrentRunning));
        model.ApplyUpdater(Status(UpdateStatus.RolledForward, second: 20, user: ""));
        var secondKey = Key with { Id = "web-2" };
        var second = first with { Update = secondKey, Timestamp = T0.AddSeconds(25) };
        model.ApplyUpdater(second);
        var killing = TaskUpdate(0, "t0", TaskState.Killing, 26);

        model.ApplyStatus(killing);

        Assert.DoesNotContain(S(killing), RecordingOf(model).Events);
        Assert.Equal([S(TaskUpdate(0, "t0", TaskState.Running, 10, VCurrentRunning), prior: true), U(second), S(killing)], RecordingOf(model, secondKey).Events);
    }

    [Fact]
    public void Recording_PastItsCap_IsTruncatedAndCountedKeepingTheBeginning()
    {
        var model = NewModel();
        var started = Started(instances: 1); // one instance: the smallest cap
        model.ApplyUpdater(started);
        const int Extra = 250;
        for (var i = 0; i < UpdateJournal.MinCapacity - 1 + Extra; i++)
            model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Starting, 1, progress: new HealthCheckProgress(0, 0, i, 5, 1, 1)) with { Timestamp = T0.AddMilliseconds(i) });

        var recording = RecordingOf(model);

        Assert.Equal(UpdateJournal.MinCapacity, recording.Events.Count);
        Assert.Equal(U(started), recording.Events[0]);
        Assert.True(recording.Truncated);
        Assert.Equal(Extra, recording.DroppedEvents);
        Assert.Equal(1, model.Recordings.TruncatedJournals);
        Assert.Equal(Extra, model.Recordings.DroppedEvents);
        Assert.Contains("\"truncated\": true, \"droppedEvents\": 250", RecordingWriter.ToText(recording).Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Recording_SameEpochSnapshotsRepeatingTheEvents_AddOnlyWhatIsNew()
    {
        var model = NewModel();
        var started = Started(instances: 1);
        var rolling = Status(UpdateStatus.RollingForward);
        var pending = TaskUpdate(0, "t1", TaskState.Pending, 2);
        model.ApplyUpdater(started);
        model.ApplyUpdater(rolling);
        model.ApplyStatus(pending);
        var assigned = TaskUpdate(0, "t1", TaskState.Assigned, 3);
        var updating = Action(0, InstanceAction.InstanceUpdating, 3);

        model.ResyncUpdater([started, rolling, updating]);
        model.ResyncStatus([pending, assigned]);

        Assert.Equal([U(started), U(rolling), S(pending), U(updating), S(assigned)], RecordingOf(model).Events);
    }

    [Fact]
    public void Recording_UpdateDroppedByRetention_IsGone()
    {
        var model = NewModel();
        UpdateKey KeyOf(int i) => new(new JobKey("r", "e", $"job-{i}"), "u");
        for (var i = 0; i <= 100; i++)
        {
            model.ApplyUpdater(Started(instances: 1) with { Update = KeyOf(i), Timestamp = T0.AddSeconds(i) });
            model.ApplyUpdater(Status(UpdateStatus.RolledForward, second: i, user: "") with { Update = KeyOf(i) });
        }

        model.Publish();

        Assert.Null(model.Recording(KeyOf(0)));
        Assert.NotNull(model.Recording(KeyOf(1)));
    }

    [Fact]
    public void Recording_WrittenAndReadBack_EqualsTheJournal()
    {
        var model = NewModel();
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, -90, VCurrentRunning));
        model.ApplyUpdater(Started(instances: 2));
        model.ApplyUpdater(Status(UpdateStatus.RollingForward));
        model.ApplyStatus(TaskUpdate(1, "t1", TaskState.Starting, 3, progress: new HealthCheckProgress(1, 0, 1, 4, 2, 2)));
        var recording = RecordingOf(model);

        var read = RecordingReader.Read(new MemoryStream(RecordingWriter.ToBytes(recording)));

        Assert.Equal(recording, read);
    }

    [Fact]
    public async Task Recording_TakenWhileTheFoldAppends_IsAlwaysAPrefixOfTheJournal()
    {
        var model = NewModel();
        model.ApplyUpdater(Started(instances: 1_000)); // a cap well past the events
        model.Publish();
        const int Events = 20_000;
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < Events; i++) model.ApplyStatus(TaskUpdate(i % 1_000, $"t{i % 1_000}", TaskState.Starting, 1) with { Timestamp = T0.AddMilliseconds(i) });
        });

        var reads = new List<UpdateRecording>();
        while (!writer.IsCompleted) reads.Add(model.Recording(Key)!);
        await writer.WaitAsync(TimeSpan.FromSeconds(30));
        var final = model.Recording(Key)!;

        Assert.Equal(Events + 1, final.Events.Count);
        Assert.All(reads, r => Assert.Equal(final.Events.Take(r.Events.Count), r.Events));
    }
}
