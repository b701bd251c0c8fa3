using Rollout.Domain.Model;
using Rollout.Emulator.Engine;

namespace Rollout.Emulator.Scenarios;

/// <summary>Puts a scenario onto an engine: its host pool, jobs, and timed updates, pulses and executor rollouts.</summary>
public static class ScenarioRunner
{
    /// <returns>The keys of the updates the scenario will start, in order.</returns>
    public static IReadOnlyList<UpdateKey> Apply(SchedulerEngine engine, ScenarioDefinition scenario)
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
                var request = new UpdateRequest(
                    job.Key, update.User, update.Config.ToSpec(), update.Instances ?? job.Instances, update.Settings,
                    DetectionStrategies.TryParse(update.DetectionStrategy)!.Value, key.Id);
                engine.At(TimeSpan.FromSeconds(update.AtSecs), e => e.StartUpdate(request));
                if (update.Pulses is { } pulses)
                {
                    for (var t = update.AtSecs + pulses.FromSecs; t <= update.AtSecs + pulses.UntilSecs; t += pulses.EverySecs)
                    {
                        engine.At(TimeSpan.FromSeconds(t), e => e.Pulse(key));
                    }
                }
            }
        }

        return keys;
    }
}
