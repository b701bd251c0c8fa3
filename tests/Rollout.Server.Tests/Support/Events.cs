using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Server.Tests.Support;

/// <summary>Builds upstream events for read-model tests.</summary>
internal static class Events
{
    public static readonly DateTimeOffset T0 = new(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);
    public static readonly JobKey Job = new("www-data", "prod", "web");
    public static readonly UpdateKey Key = new(Job, "web-1");
    public static readonly HealthCheckConfig Hc = new(10, 5, 1, 2);
    public const string Caps = " capabilities:HEALTH_GATED_RUNNING,WARP_DRIVE";

    public static UpdateStarted Started(int instances = 4, bool bit = false, int watch = 30, DetectionStrategy strategy = DetectionStrategy.Capabilities) =>
        new(Key, T0, "alice", new UpdateSettings { GroupSize = 2, WatchSecs = watch, ExecutorDrivenUpdates = bit },
            new TaskConfigSummary("v1", Hc), new TaskConfigSummary("v2", Hc),
            [new InstanceRange(0, instances - 1)], [new InstanceRange(0, instances - 1)], strategy);

    public static UpdateStatusChanged Status(UpdateStatus status, int second = 0, string user = "alice", string message = "") =>
        new(Key, T0.AddSeconds(second), status, user, message);

    public static InstanceActionRecorded Action(int instance, InstanceAction action, int second) =>
        new(Key, T0.AddSeconds(second), instance, action, string.Empty);

    public static GatingDecisionMade Decision(int instance, string taskId, GatingMode mode, int second) =>
        new(Key, T0.AddSeconds(second), instance, taskId, mode, "test", mode == GatingMode.WatchSecs ? T0.AddSeconds(second + 30) : null);

    public static TaskStatusUpdate TaskUpdate(int instance, string taskId, TaskState state, int second, string message = "", HealthCheckProgress? progress = null) =>
        new(taskId, Job, instance, state, message, T0.AddSeconds(second), StatusSource.Executor, $"host-{instance}", progress);

    public static string VCurrentRunning => ExecutorMessages.TaskIsHealthy + Caps;
}
