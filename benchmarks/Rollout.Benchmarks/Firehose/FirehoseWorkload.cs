using Rollout.Contracts.Mapping;
using Rollout.Domain.Capabilities;
using Rollout.Domain.Events;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Benchmarks.Firehose;

/// <summary>
/// One update of one job, as a vCurrent scheduler would stream it: an UpdateStarted, then every
/// instance's new task going PENDING, ASSIGNED, STARTING, a few health-check progress reports and
/// RUNNING. Instances move in batches, so events of a batch interleave and timestamps only grow.
/// Built once, in both domain and wire form, so no run pays for making its input.
/// </summary>
internal sealed class FirehoseWorkload
{
    public const string Epoch = "firehose";
    private const int BatchSize = 100;
    private const int StepSecs = 5;
    private const int BatchSecs = 60;

    public static readonly DateTimeOffset T0 = new(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);
    public static readonly JobKey Job = new("www-data", "prod", "web");
    public static readonly UpdateKey Update = new(Job, "web-firehose");
    private static readonly HealthCheckConfig Hc = new(InitialIntervalSecs: 10, IntervalSecs: 5, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 2);

    private static readonly string RunningMessage = ExecutorMessages.TaskIsHealthy + " " + ExecutorCapabilities.Format(
        [ExecutorCapability.HealthGatedRunning, ExecutorCapability.HealthCheckProgress, ExecutorCapability.GracefulShutdown]);

    private FirehoseWorkload(int instances, UpdateStarted started, List<TaskStatusUpdate> events)
    {
        Instances = instances;
        Started = started;
        Events = events;
        Messages = events.Select((e, i) => new LiveEvent<TaskStatusUpdate>(new StreamPosition(Epoch, i + 1), e).ToProto()).ToArray();
    }

    public int Instances { get; }

    public UpdateStarted Started { get; }

    /// <summary>The status events in stream order, as the Contracts mapping would hand them to the model.</summary>
    public IReadOnlyList<TaskStatusUpdate> Events { get; }

    /// <summary>The same events as the firehose serves them: live events with sequences 1..N.</summary>
    public IReadOnlyList<Wire.StatusStreamMessage> Messages { get; }

    public int EventsPerInstance => Instances == 0 ? 0 : Events.Count / Instances;

    public static FirehoseWorkload Create(int instances, int progressUpdates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(instances, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(progressUpdates, 1);
        var started = new UpdateStarted(
            Update, T0, "alice",
            new UpdateSettings { Strategy = UpdateStrategyKind.Batch, GroupSize = BatchSize, WatchSecs = 45, MaxFailedInstances = 5 },
            new TaskConfigSummary("v1", Hc), new TaskConfigSummary("v2", Hc),
            [new InstanceRange(0, instances - 1)], [new InstanceRange(0, instances - 1)], DetectionStrategy.Capabilities);

        var events = new List<TaskStatusUpdate>(instances * (progressUpdates + 4));
        for (var first = 0; first < instances; first += BatchSize)
        {
            var batch = Enumerable.Range(first, Math.Min(BatchSize, instances - first)).ToArray();
            var batchStart = T0.AddSeconds(1 + (first / BatchSize * BatchSecs));
            var steps = Steps(progressUpdates);
            for (var step = 0; step < steps.Count; step++)
            {
                foreach (var id in batch)
                {
                    var at = batchStart.AddSeconds(step * StepSecs).AddMilliseconds(id - first);
                    var (state, message, source, progress) = steps[step];
                    var host = state == TaskState.Pending ? string.Empty : $"web-{id % 250:D3}";
                    events.Add(new TaskStatusUpdate($"www-data-prod-web-{id}-{id + 1:x}", Job, id, state, message, at, source, host, progress));
                }
            }
        }

        return new FirehoseWorkload(instances, started, events);
    }

    /// <summary>One instance's lifecycle; failures first, as a task still warming up reports them.</summary>
    private static List<(TaskState State, string Message, StatusSource Source, HealthCheckProgress? Progress)> Steps(int progressUpdates)
    {
        const int Allowed = 5;
        var steps = new List<(TaskState, string, StatusSource, HealthCheckProgress?)>
        {
            (TaskState.Pending, string.Empty, StatusSource.Scheduler, null),
            (TaskState.Assigned, string.Empty, StatusSource.Scheduler, null),
            (TaskState.Starting, "Initializing sandbox.", StatusSource.Executor, null),
        };
        for (var attempt = 1; attempt <= progressUpdates; attempt++)
        {
            var passed = attempt == progressUpdates;
            var progress = new HealthCheckProgress(passed ? 1 : 0, passed ? 0 : attempt, attempt, Allowed, Hc.MinConsecutiveSuccesses, Hc.GraceAttempts);
            steps.Add((TaskState.Starting, passed ? "Health check passed." : "Health check failed: Connection refused on /health", StatusSource.Executor, progress));
        }

        var healthy = new HealthCheckProgress(2, 0, progressUpdates + 1, Allowed, Hc.MinConsecutiveSuccesses, Hc.GraceAttempts);
        steps.Add((TaskState.Running, RunningMessage, StatusSource.Executor, healthy));
        return steps;
    }
}
