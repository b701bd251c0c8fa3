using Rollout.Client.Tests.Support;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Insight;

/// <summary>
/// Real insight, folded by the domain from a small update's log: four instances in batches of two,
/// instance 0 health-gated and updated, instance 1 on an executor without gating, waiting out watch_secs.
/// </summary>
internal static class InsightLogs
{
    private static readonly JobKey Job = new("www-data", "prod", "web");
    private static readonly UpdateKey Key = new(Job, "web-1");
    private static readonly DateTimeOffset T0 = InsightSamples.Now;
    private static readonly HealthCheckConfig Hc = new(InitialIntervalSecs: 10, IntervalSecs: 5, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 2);

    private const string Healthy = "Task is healthy. capabilities:HEALTH_GATED_RUNNING,HEALTH_CHECK_PROGRESS,GRACEFUL_SHUTDOWN";

    /// <summary>The view as of <paramref name="seconds"/> after the start (12:00:00).</summary>
    public static InsightView Rolling(double seconds = 20)
    {
        var settings = new UpdateSettings { Strategy = UpdateStrategyKind.Batch, GroupSize = 2, WatchSecs = 30 };
        var log = new UpdateLog(Key);
        for (var id = 0; id < 4; id++) log.Add(Status($"old-{id}", id, TaskState.Running, -60));
        log.Add(new UpdateStarted(Key, T0, "alice", settings, new TaskConfigSummary("v1", Hc), new TaskConfigSummary("v2", Hc),
            [new InstanceRange(0, 3)], [new InstanceRange(0, 3)], DetectionStrategy.Capabilities));
        log.Add(new UpdateStatusChanged(Key, T0, UpdateStatus.RollingForward, "alice", ""));
        for (var id = 0; id < 2; id++)
        {
            log.Add(new InstanceActionRecorded(Key, T0, id, InstanceAction.InstanceUpdating, ""));
            log.Add(Status($"old-{id}", id, TaskState.Killing, 0, "Killed for job update web-1"));
            log.Add(Status($"old-{id}", id, TaskState.Killed, 2, "Task killed."));
            log.Add(Status($"new-{id}", id, TaskState.Pending, 2));
            log.Add(Status($"new-{id}", id, TaskState.Assigned, 3));
            log.Add(Status($"new-{id}", id, TaskState.Starting, 4));
        }

        log.Add(Status("new-0", 0, TaskState.Running, 11, Healthy));
        log.Add(new GatingDecisionMade(Key, T0.AddSeconds(11), 0, "new-0", GatingMode.HealthGated, "S2: HEALTH_GATED", null));
        log.Add(new InstanceActionRecorded(Key, T0.AddSeconds(11), 0, InstanceAction.InstanceUpdated, "RUNNING and health-gated"));
        log.Add(Status("new-1", 1, TaskState.Running, 6));
        log.Add(new GatingDecisionMade(Key, T0.AddSeconds(6), 1, "new-1", GatingMode.WatchSecs, "S2: WATCH_SECS", T0.AddSeconds(36)));
        return UpdateInsight.Build(log, T0.AddSeconds(seconds)).View(Views.Key);
    }

    private static TaskStatusUpdate Status(string task, int id, TaskState state, double at, string message = "") =>
        new(task, Job, id, state, message, T0.AddSeconds(at), StatusSource.Executor, $"host-{id}", null);
}
