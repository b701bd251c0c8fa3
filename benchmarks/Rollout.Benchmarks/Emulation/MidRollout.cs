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

    /// <param name="instances">The scenario's 10,000 unless a test shrinks it.</param>
    public static (DashboardModel Model, string UpdateKey) Fold(int instances, CancellationToken cancellationToken)
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

        var model = new DashboardModel(time);
        var status = ReadAll(engine.StatusLog);
        var updater = ReadAll(engine.UpdaterLog);
        int nextStatus = 0, nextUpdater = 0;
        while (nextStatus < status.Count || nextUpdater < updater.Count)
        {
            // Ties go to the updater: an update's start comes before its first tasks.
            if (nextUpdater < updater.Count && (nextStatus == status.Count || updater[nextUpdater].Item.Timestamp <= status[nextStatus].Item.Timestamp))
                model.ApplyUpdater(updater[nextUpdater++].Item);
            else
                model.ApplyStatus(status[nextStatus++].Item);
        }

        _ = model.Publish();
        return (model, DashboardKeys.Of(key));
    }

    private static List<LiveEvent<T>> ReadAll<T>(EventLog<T> log)
    {
        var all = new List<LiveEvent<T>>();
        if (log.ReadAfter(log.Oldest - 1, int.MaxValue, all) != ReadResult.Ok) throw new InvalidOperationException("the event log lost events");
        if (log.Oldest > 1) throw new InvalidOperationException("the event log dropped its oldest events: retain more");
        return all;
    }
}
