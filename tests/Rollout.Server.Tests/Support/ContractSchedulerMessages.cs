using Google.Protobuf.WellKnownTypes;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Server.Tests.Support;

/// <summary>Contract messages built field by field from rollout.proto, for <see cref="ContractScheduler"/>.</summary>
internal static class ContractSchedulerMessages
{
    public static readonly DateTimeOffset T0 = new(2026, 5, 1, 8, 0, 0, TimeSpan.Zero);

    public static Wire.JobKey Job(string role, string environment, string name) => new() { Role = role, Environment = environment, Name = name };

    public static Wire.UpdateKey Key(Wire.JobKey job, string id) => new() { Job = job, Id = id };

    public static Timestamp At(int seconds) => Timestamp.FromDateTimeOffset(T0.AddSeconds(seconds));

    /// <summary>A batch update of instances 0..n-1 to v2 (which defines a health check), watch_secs 30.</summary>
    public static Wire.UpdaterEvent Started(Wire.UpdateKey key, int instances, Wire.DetectionStrategy strategy, bool executorDrivenUpdates = false)
    {
        var started = new Wire.UpdateStarted
        {
            User = "alice",
            Settings = new Wire.UpdateSettings
            {
                Strategy = Wire.UpdateStrategy.Batch, GroupSize = 2, WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 1,
                RollbackOnFailure = true, ExecutorDrivenUpdates = executorDrivenUpdates,
            },
            DesiredConfig = new Wire.TaskConfig
            {
                Version = "v2",
                HealthCheck = new Wire.HealthCheckConfig { InitialIntervalSecs = 10, IntervalSecs = 5, MaxConsecutiveFailures = 1, MinConsecutiveSuccesses = 2, TimeoutSecs = 1 },
            },
            DetectionStrategy = strategy,
        };
        started.DesiredInstances.Add(new Wire.InstanceRange { First = 0, Last = (uint)instances - 1 });
        return new Wire.UpdaterEvent { Update = key, Timestamp = At(0), Started = started };
    }

    public static Wire.UpdaterEvent Decision(Wire.UpdateKey key, uint instance, string taskId, Wire.GatingMode mode, string reason, int second) => new()
    {
        Update = key,
        Timestamp = At(second),
        GatingDecision = new Wire.GatingDecision { InstanceId = instance, TaskId = taskId, Mode = mode, Reason = reason },
    };

    public static Wire.TaskStatusUpdate Status(Wire.JobKey job, uint instance, string taskId, Wire.TaskState state, int second, string message = "") => new()
    {
        TaskId = taskId,
        Job = job,
        InstanceId = instance,
        State = state,
        Message = message,
        Timestamp = At(second),
        Source = Wire.StatusSource.Executor,
        Host = $"host-{instance}",
    };
}
