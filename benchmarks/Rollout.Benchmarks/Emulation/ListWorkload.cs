using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;

namespace Rollout.Benchmarks.Emulation;

/// <summary>
/// A model holding many updates of many jobs, as the list shows them after a busy day: most rolled
/// forward, some rolled back or aborted, a few still rolling or paused. Instance actions fill the
/// headers' counts; rows themselves are not in the list.
/// </summary>
internal static class ListWorkload
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly string[] Roles = ["www-data", "payments", "search", "cdn", "mail", "ads", "identity"];
    private static readonly string[] Environments = ["prod", "staging", "devel"];
    private static readonly string[] Users = ["alice", "bob", "carol", "dana", "heidi"];
    private static readonly HealthCheckConfig Hc = new(InitialIntervalSecs: 10, IntervalSecs: 5, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 2);

    public static DashboardModel Fold(int updates)
    {
        var model = new DashboardModel(TimeProvider.System);
        for (var i = 0; i < updates; i++)
        {
            var job = new JobKey(Roles[i % Roles.Length], Environments[i % Environments.Length], $"service-{i:D3}");
            var key = new UpdateKey(job, $"service-{i:D3}-{1 + (i % 5)}");
            var instances = 5 + (i * 37 % 300);
            var at = T0.AddMinutes(i * 7);
            var settings = (i % 3) switch
            {
                0 => new UpdateSettings { Strategy = UpdateStrategyKind.Batch, GroupSize = 10, WatchSecs = 45, MaxFailedInstances = 5 },
                1 => new UpdateSettings { Strategy = UpdateStrategyKind.Queue, GroupSize = 3, WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 2 },
                _ => new UpdateSettings { Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = [1, 10, 50], WatchSecs = 60, MaxFailedInstances = 10 },
            };
            var user = Users[i % Users.Length];
            model.ApplyUpdater(new UpdateStarted(
                key, at, user, settings, new TaskConfigSummary($"v{i}", Hc), new TaskConfigSummary($"v{i + 1}", Hc),
                [new InstanceRange(0, instances - 1)], [new InstanceRange(0, instances - 1)], (DetectionStrategy)(i % 3)));

            var (status, done) = Outcome(i, instances);
            for (var id = 0; id < done; id++)
            {
                var action = status == UpdateStatus.RolledBack ? InstanceAction.InstanceRolledBack : InstanceAction.InstanceUpdated;
                model.ApplyUpdater(new InstanceActionRecorded(key, at.AddSeconds(10 + id), id, action, string.Empty));
            }

            if (status != UpdateStatus.RollingForward)
                model.ApplyUpdater(new UpdateStatusChanged(key, at.AddSeconds(20 + done), status, status == UpdateStatus.RolledForward ? "scheduler" : user, Reason(status)));
        }

        _ = model.Publish();
        return model;
    }

    /// <summary>Mostly finished updates, with a few of every other kind.</summary>
    private static (UpdateStatus Status, int Done) Outcome(int i, int instances) => (i % 20) switch
    {
        0 => (UpdateStatus.RollingForward, instances / 2),
        1 => (UpdateStatus.RollForwardPaused, instances / 3),
        2 => (UpdateStatus.RolledBack, instances),
        3 => (UpdateStatus.Aborted, instances / 4),
        _ => (UpdateStatus.RolledForward, instances),
    };

    private static string Reason(UpdateStatus status) => status switch
    {
        UpdateStatus.RollForwardPaused => "holding for the canary",
        UpdateStatus.RolledBack => "too many failed instances",
        UpdateStatus.Aborted => "wrong build",
        _ => string.Empty,
    };
}
