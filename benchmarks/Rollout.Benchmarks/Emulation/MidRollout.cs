using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Events;
using Rollout.Emulator.Scenarios;
using Rollout.Server.ReadModel;

namespace Rollout.Benchmarks.Emulation;

/// <summary>
/// The emulator's large-job scenario in virtual time, stopped once half its instances are updated:
/// a batch in flight (tasks starting, health checks in progress, watch deadlines running) over
/// updated and untouched instances, executors still mixed. Both event logs are then folded into a
/// model in time order, as the live streams would have delivered them.
/// </summary>
internal static class MidRollout
{
    public const string Scenario = "large-job";

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Both event logs of the run, as the streams would deliver them, and the scheduler's clock when it stopped.</summary>
    public sealed record Logs(UpdateKey Update, IReadOnlyList<TaskStatusUpdate> Status, IReadOnlyList<UpdaterEvent> Updater, DateTimeOffset Now);

    /// <param name="instances">The scenario's 10,000 unless a test shrinks it.</param>
    public static (DashboardModel Model, string UpdateKey) Fold(int instances, CancellationToken cancellationToken)
    {
        var logs = Run(instances, cancellationToken);
        var model = new DashboardModel(new FakeTimeProvider(logs.Now));
        int nextStatus = 0, nextUpdater = 0;
        while (nextStatus < logs.Status.Count || nextUpdater < logs.Updater.Count)
        {
            // Ties go to the updater: an update's start comes before its first tasks.
            if (nextUpdater < logs.Updater.Count && (nextStatus == logs.Status.Count || logs.Updater[nextUpdater].Timestamp <= logs.Status[nextStatus].Timestamp))
                model.ApplyUpdater(logs.Updater[nextUpdater++]);
            else
                model.ApplyStatus(logs.Status[nextStatus++]);
        }

        _ = model.Publish();
        return (model, DashboardKeys.Of(logs.Update));
    }

    /// <summary>Runs the scenario half-way in virtual time and copies both logs out.</summary>
    public static Logs Run(int instances, CancellationToken cancellationToken)
    {
        var scenario = ScenarioLoader.BuiltIn(Scenario);
        scenario = scenario with { Jobs = [scenario.Jobs[0] with { Instances = instances }] };

        var time = new FakeTimeProvider(Start);
        using var engine = new SchedulerEngine(time, new EngineOptions { Seed = 1, RetainedEvents = Math.Max(250_000, instances * 60) });
        var key = ScenarioRunner.Apply(engine, scenario)[0];
        var budget = Start + TimeSpan.FromHours(2);
        while (engine.ListUpdates(key.Job).SingleOrDefault(u => u.Key == key) is not { } summary
            || (summary.UpdatedCount < instances / 2 && !summary.Status.IsTerminal()))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (time.GetUtcNow() > budget) throw new TimeoutException($"{Scenario} never got half-way");
            time.Advance(TimeSpan.FromSeconds(1));
        }

        return new Logs(key, ReadAll(engine.StatusLog).ConvertAll(e => e.Item), ReadAll(engine.UpdaterLog).ConvertAll(e => e.Item), time.GetUtcNow());
    }

    private static List<LiveEvent<T>> ReadAll<T>(EventLog<T> log)
    {
        var all = new List<LiveEvent<T>>();
        if (log.ReadAfter(log.Oldest - 1, int.MaxValue, all) != ReadResult.Ok) throw new InvalidOperationException("the event log lost events");
        if (log.Oldest > 1) throw new InvalidOperationException("the event log dropped its oldest events: retain more");
        return all;
    }
}
