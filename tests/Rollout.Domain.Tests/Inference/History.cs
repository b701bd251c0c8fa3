using Rollout.Domain.Model;

namespace Rollout.Domain.Tests.Inference;

/// <summary>Builds a task's status history for inference and gating tests.</summary>
internal static class History
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly JobKey Job = new("www-data", "prod", "web");

    public static TaskStatusUpdate At(int seconds, TaskState state, string message = "", HealthCheckProgress? progress = null) =>
        new("task-1", Job, 0, state, message, T0.AddSeconds(seconds), StatusSource.Executor, "host-1", progress);

    public static IReadOnlyList<TaskStatusUpdate> Of(params TaskStatusUpdate[] updates) => updates;
}
