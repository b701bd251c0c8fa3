using Rollout.Emulator.Updater.Strategies;

namespace Rollout.Emulator.Updater;

/// <summary>
/// Aurora's UpdateFactory: a one-way updater over every instance of the update (initial and desired
/// alike), ordered to create new instances first, then update, then kill; a rollback walks the same
/// order reversed with the same strategy, so instances it never touched are no-ops.
/// </summary>
internal static class UpdateFactory
{
    public static OneWayJobUpdater Create(UpdateRun run, bool rollingForward, IGatingJudge judge)
    {
        var settings = run.Settings;
        var ordering = new InstanceOrdering(run.Initial.Keys, run.DesiredInstances);
        var minRunning = TimeSpan.FromSeconds(settings.WatchSecs);
        var updaters = ordering.Ids
            .Select(id => new InstanceUpdater(id, run.TargetFor(id, rollingForward), settings.MaxPerInstanceFailures, minRunning, judge))
            .ToArray();

        // The strategy reverses the forward ordering itself when rolling back.
        var strategy = UpdateStrategies.For(settings, ordering, rollingForward);
        return new OneWayJobUpdater(strategy, settings.MaxFailedInstances, updaters);
    }
}
