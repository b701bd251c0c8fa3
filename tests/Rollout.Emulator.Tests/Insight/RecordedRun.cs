using Rollout.Domain.Events;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Emulator.Events;
using Rollout.Emulator.Scenarios;
using Rollout.Emulator.Tests.Support;

namespace Rollout.Emulator.Tests.Insight;

/// <summary>
/// A built-in scenario on the real engine in virtual time, recorded as a live server would: after each
/// step the new events of both streams go into the update's <see cref="UpdateLog"/>, and insight is
/// built as of the scheduler's now.
/// </summary>
internal sealed class RecordedRun : IDisposable
{
    private readonly List<LiveEvent<TaskStatusUpdate>> _statusBatch = [];
    private readonly List<LiveEvent<UpdaterEvent>> _updaterBatch = [];
    private long _status;
    private long _updater;

    private RecordedRun(EngineHarness harness, UpdateKey key, InsightOptions? options)
    {
        Harness = harness;
        Key = key;
        Log = new UpdateLog(key);
        Fold = new UpdateInsightFold(Log, options);
    }

    public EngineHarness Harness { get; }

    public UpdateKey Key { get; }

    public UpdateLog Log { get; }

    public UpdateInsightFold Fold { get; }

    public DateTimeOffset Now => Harness.Time.GetUtcNow();

    /// <summary>When the scenario's update is scheduled to start, in scenario seconds (the engine starts at 0).</summary>
    public double UpdateAtSecs { get; private init; }

    public static RecordedRun Scenario(string name, Func<ScenarioDefinition, ScenarioDefinition>? edit = null, int seed = 1, InsightOptions? options = null)
    {
        var scenario = ScenarioLoader.BuiltIn(name);
        if (edit is not null) scenario = edit(scenario);
        var harness = new EngineHarness(seed);
        var key = ScenarioRunner.Apply(harness.Engine, scenario)[0];
        return new RecordedRun(harness, key, options) { UpdateAtSecs = scenario.Jobs[0].Updates[0].AtSecs };
    }

    /// <summary>Scenario time of an instant.</summary>
    public static double Secs(DateTimeOffset at) => (at - EngineHarness.Start).TotalSeconds;

    /// <summary>Advances to <paramref name="secs"/> scenario seconds, one second at a time, recording as it goes.</summary>
    public void RunTo(double secs)
    {
        var target = EngineHarness.Start.AddSeconds(secs);
        while (Now < target)
        {
            var step = target - Now < TimeSpan.FromSeconds(1) ? target - Now : TimeSpan.FromSeconds(1);
            Harness.Time.Advance(step);
            Record();
        }

        Record();
    }

    /// <summary>Steps until <paramref name="condition"/> holds at a step's end; false when the budget runs out first.</summary>
    public bool RunUntil(Func<bool> condition, double budgetSecs = 3600)
    {
        var end = Secs(Now) + budgetSecs;
        while (!condition())
        {
            if (Secs(Now) >= end) return false;
            RunTo(Secs(Now) + 1);
        }

        return true;
    }

    /// <summary>Runs until the update is terminal; returns when it ended (its last status change), in scenario seconds.</summary>
    public double RunToEnd(double budgetSecs = 3600)
    {
        Assert.True(RunUntil(() => Harness.Engine.StatusOf(Key) is { } s && s.IsTerminal(), budgetSecs), $"{Key} did not finish");
        return Secs(Harness.UpdaterEvents<UpdateStatusChanged>(Key)[^1].Timestamp);
    }

    /// <summary>Every view as of the scheduler's now.</summary>
    public UpdateInsight Insight()
    {
        Record();
        return Fold.Build(Now);
    }

    /// <summary>Reads what both streams appended since the last call into the log, status updates first.</summary>
    public void Record()
    {
        Assert.Equal(ReadResult.Ok, Harness.Engine.StatusLog.ReadAfter(_status, int.MaxValue, _statusBatch));
        foreach (var e in _statusBatch)
        {
            Log.Add(e.Item);
            _status = e.Position.Sequence;
        }

        Assert.Equal(ReadResult.Ok, Harness.Engine.UpdaterLog.ReadAfter(_updater, int.MaxValue, _updaterBatch));
        foreach (var e in _updaterBatch)
        {
            Log.Add(e.Item);
            _updater = e.Position.Sequence;
        }
    }

    public void Dispose() => Harness.Dispose();
}
