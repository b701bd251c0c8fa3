using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rollout.Contracts.Recording;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Domain.Streams;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Events;
using Rollout.Emulator.Hosting;
using Rollout.Emulator.Scenarios;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Recording;

/// <summary>
/// Record an update, replay the recording with the emulator (--recording), point a dashboard at it:
/// the dashboard ends where the original did.
/// </summary>
public sealed class RecordingReplayEndToEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rollout-replay-e2e", Guid.NewGuid().ToString("N"));

    public RecordingReplayEndToEndTests() => Directory.CreateDirectory(_folder);

    [Theory]
    [InlineData("mixed-executors", UpdateStatus.RolledForward)]
    [InlineData("failing-health-check", UpdateStatus.RolledBack)]
    public async Task Dashboard_OnAnEmulatorReplayingARecording_EndsWithTheOriginalsStatusCountsAndInstances(string scenario, UpdateStatus ending)
    {
        var (key, original, recording) = Record(scenario);
        Assert.Equal(ending, original.Header.Status);
        var path = Path.Combine(_folder, RecordingFormat.FileName(key));
        RecordingWriter.WriteFile(recording, path);

        // The replay runs on its own virtual clock, a day later than the recording's: events keep their own times.
        var replayTime = new FakeTimeProvider(T0.AddDays(1));
        await using var emulator = await EmulatorHost.StartAsync(0, new Dictionary<string, string?>
        {
            ["Emulator:Recording"] = path,
            ["Emulator:ApiKeys:0"] = ExternalEmulator.Key,
        }, replayTime).WaitAsync(Timeout);
        await using var app = new DashboardApp(("Upstream:Address", EmulatorHost.AddressOf(emulator).ToString()), ("Upstream:ApiKey", ExternalEmulator.Key));
        await app.WaitUntilLiveAsync().WaitAsync(Timeout);
        replayTime.Advance(RecordingPacing.Offsets(recording.Events)[^1] + TimeSpan.FromSeconds(1));

        var model = app.Services.GetRequiredService<DashboardModel>();
        await Poll.UntilAsync(() => Counts(model.Update(key)?.Update) == Counts(original.Header), Timeout,
            () => $"the replayed update ends as the original: {Counts(model.Update(key)?.Update)} vs {Counts(original.Header)}");
        await Poll.UntilAsync(() => Rows(model.Update(key)!.Value.Instances).SequenceEqual(Rows(original.Instances)), Timeout, () => "every instance as the original");

        var replayed = model.Recording(key)!;
        Assert.Equal(recording.UpdaterEvents().Select(e => new RecordedUpdater(e)), replayed.UpdaterEvents().Select(e => new RecordedUpdater(e)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The scenario's first update on the emulator's engine in virtual time, folded as the dashboard folds both streams.</summary>
    private static (UpdateKey Key, (UpdateView Header, IReadOnlyList<(InstanceView Row, string GatingReason)> Instances) Original, UpdateRecording Recording) Record(string scenario)
    {
        var time = new FakeTimeProvider(T0);
        using var engine = new SchedulerEngine(time, new EngineOptions { Seed = 5 });
        var key = ScenarioRunner.Apply(engine, ScenarioLoader.Resolve(scenario))[0];
        var model = new DashboardModel(time);
        var status = new Feed<TaskStatusUpdate>(engine.StatusLog);
        var updater = new Feed<UpdaterEvent>(engine.UpdaterLog);
        var quietAfterEnd = UpdateJournal.LateWindow + TimeSpan.FromSeconds(5);
        DateTimeOffset? ended = null;
        while (ended is null || time.GetUtcNow() < ended + quietAfterEnd)
        {
            Assert.True(time.GetUtcNow() < T0.AddHours(1), "the update never ended");
            time.Advance(TimeSpan.FromSeconds(1));
            model.ApplyStatus(status.Next());
            model.ApplyUpdater(updater.Next());
            if (ended is null && engine.StatusOf(key)?.IsTerminal() == true) ended = time.GetUtcNow();
        }

        model.Publish();
        return (key, model.Update(key)!.Value, model.Recording(key)!);
    }

    private static (UpdateStatus, int, int, int, int, int, int)? Counts(UpdateView? u) => u is null
        ? null
        : (u.Status, u.InstanceCount, u.UpdatedCount, u.FailedCount, u.HealthGatedCount, u.WatchSecsCount, u.HazardCount);

    private static IEnumerable<(int, string, TaskState?, string, InstanceAction?)> Rows(IReadOnlyList<(InstanceView Row, string GatingReason)> instances) =>
        instances.Select(i => (i.Row.InstanceId, i.Row.TaskId, i.Row.TaskStatus, i.Row.GatingMode.ToString(), i.Row.UpdateAction));

    /// <summary>What a log holds past what was read of it.</summary>
    private sealed class Feed<T>(EventLog<T> log)
    {
        private readonly List<LiveEvent<T>> _read = [];
        private long _at;

        public List<T> Next()
        {
            Assert.Equal(ReadResult.Ok, log.ReadAfter(_at, int.MaxValue, _read));
            if (_read.Count > 0) _at = _read[^1].Position.Sequence;
            return _read.ConvertAll(e => e.Item);
        }
    }
}
