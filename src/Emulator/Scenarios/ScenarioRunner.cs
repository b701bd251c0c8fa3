using Rollout.Domain.Model;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Engine;

namespace Rollout.Emulator.Scenarios;

/// <summary>Puts a scenario onto an engine: its host pool, jobs, and timed updates, pulses and executor rollouts.</summary>
public static class ScenarioRunner
{
    /// <param name="repeatEverySecs">
    /// When positive, each job rolls its last update again this long after it was scheduled (and
    /// again and again), to a new version, whenever the job has no update in progress: a demo
    /// that never runs out of rollouts.
    /// </param>
    /// <returns>The keys of the updates the scenario starts first, in order.</returns>
    public static IReadOnlyList<UpdateKey> Apply(SchedulerEngine engine, ScenarioDefinition scenario, double repeatEverySecs = 0)
    {
        var pool = scenario.Name;
        engine.AddHostPool(pool, scenario.Hosts.Count, scenario.Hosts.VCurrentFraction);
        foreach (var rollout in scenario.ExecutorRollouts)
        {
            engine.At(TimeSpan.FromSeconds(rollout.AtSecs), e => e.SetExecutorMix(pool, rollout.VCurrentFraction));
        }

        var keys = new List<UpdateKey>();
        foreach (var job in scenario.Jobs)
        {
            engine.CreateJob(job.Key, job.Instances, job.Config.ToSpec(), pool);
            for (var u = 0; u < job.Updates.Count; u++)
            {
                var update = job.Updates[u];
                var key = new UpdateKey(job.Key, update.Id ?? $"{job.Name}-{u + 1}");
                keys.Add(key);
                engine.At(TimeSpan.FromSeconds(update.AtSecs), e => Start(e, job, update, key, update.Config.ToSpec()));
            }

            if (repeatEverySecs > 0 && job.Updates.Count > 0)
            {
                var last = job.Updates[^1];
                engine.At(TimeSpan.FromSeconds(last.AtSecs + repeatEverySecs), e => Repeat(e, job, last, job.Updates.Count + 1, repeatEverySecs));
            }
        }

        return keys;
    }

    /// <summary>Starts the update and schedules its pulses, relative to this moment.</summary>
    private static void Start(SchedulerEngine engine, JobDefinition job, UpdateDefinition update, UpdateKey key, TaskSpec spec)
    {
        engine.StartUpdate(new UpdateRequest(
            job.Key, update.User, spec, update.Instances ?? job.Instances, update.Settings,
            DetectionStrategies.TryParse(update.DetectionStrategy)!.Value, key.Id));
        if (update.Pulses is not { } pulses) return;
        for (var t = pulses.FromSecs; t <= pulses.UntilSecs; t += pulses.EverySecs)
        {
            engine.At(TimeSpan.FromSeconds(t), e => e.Pulse(key));
        }
    }

    private static void Repeat(SchedulerEngine engine, JobDefinition job, UpdateDefinition update, int round, double everySecs)
    {
        var busy = engine.HasActiveUpdate(job.Key);
        var key = new UpdateKey(job.Key, $"{job.Name}-{round}");
        while (engine.StatusOf(key) is not null) key = new UpdateKey(job.Key, $"{job.Name}-{++round}"); // an id a scenario already used

        // The next round is booked first, so one failed start cannot end the chain.
        var next = busy ? round : round + 1;
        engine.At(TimeSpan.FromSeconds(everySecs), e => Repeat(e, job, update, next, everySecs));
        if (!busy) Start(engine, job, update, key, update.Config.ToSpec() with { Version = $"{update.Config.Version}.{round}" });
    }
}
