using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Domain.Tests.Insight;

/// <summary>
/// Writes an update's log by hand, in seconds after <see cref="T0"/>, the way the emulator would: an
/// old task per instance, kills, new tasks, checks, decisions and instance actions.
/// </summary>
internal sealed class LogScript
{
    public static readonly DateTimeOffset T0 = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly JobKey Job = new("www-data", "prod", "web");
    public static readonly UpdateKey Key = new(Job, "web-1");
    public static readonly HealthCheckConfig Hc = new(InitialIntervalSecs: 10, IntervalSecs: 5, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 2);

    public const string HealthyMessage = "Task is healthy. capabilities:HEALTH_GATED_RUNNING,HEALTH_CHECK_PROGRESS,GRACEFUL_SHUTDOWN";

    private readonly Dictionary<int, string> _taskOf = [];
    private readonly Dictionary<int, int> _attempts = [];
    private readonly Dictionary<int, int> _failures = [];
    private int _tasks;

    public UpdateLog Log { get; } = new(Key);

    public UpdateSettings Settings { get; private set; } = new();

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    /// <summary>Starts an update of <paramref name="instances"/> instances, each with an old task RUNNING since before.</summary>
    public LogScript Start(UpdateSettings settings, int instances, DetectionStrategy strategy = DetectionStrategy.Capabilities,
        HealthCheckConfig? hc = null, bool noHealthCheck = false, UpdateStatus first = UpdateStatus.RollingForward)
    {
        Settings = settings;
        var check = noHealthCheck ? null : hc ?? Hc;
        for (var id = 0; id < instances; id++) Task(-60, id, TaskState.Running, fresh: true);
        Log.Add(new UpdateStarted(Key, At(0), "alice", settings, new TaskConfigSummary("v1", check), new TaskConfigSummary("v2", check),
            [new InstanceRange(0, instances - 1)], [new InstanceRange(0, instances - 1)], strategy));
        return Status(0, first, "alice");
    }

    public LogScript Status(double at, UpdateStatus status, string user = "", string message = "")
    {
        Log.Add(new UpdateStatusChanged(Key, At(at), status, user, message));
        return this;
    }

    public LogScript Action(double at, int id, InstanceAction action, string message = "")
    {
        Log.Add(new InstanceActionRecorded(Key, At(at), id, action, message));
        return this;
    }

    public LogScript Pulse(double at)
    {
        Log.Add(new PulseReceived(Key, At(at), At(at + Settings.PulseIntervalSecs)));
        return this;
    }

    /// <summary>A status update of the instance's current task, or of a new one when <paramref name="fresh"/>.</summary>
    public LogScript Task(double at, int id, TaskState state, string message = "", HealthCheckProgress? progress = null, bool fresh = false)
    {
        if (fresh || !_taskOf.TryGetValue(id, out var task))
        {
            task = $"web-{id}-{++_tasks}";
            _taskOf[id] = task;
            _attempts[id] = 0;
            _failures[id] = 0;
        }

        Log.Add(new TaskStatusUpdate(task, Job, id, state, message, At(at), StatusSource.Executor, $"host-{id % 4}", progress));
        return this;
    }

    public string TaskOf(int id) => _taskOf[id];

    /// <summary>One health check of the current task, reported as structured progress while STARTING.</summary>
    public LogScript Check(double at, int id, bool passed, int successes)
    {
        var used = ++_attempts[id];
        var hc = Hc;
        // As thermos counts them: failures within the forgiven attempts are not counted.
        _failures[id] = passed ? 0 : used > hc.GraceAttempts ? _failures.GetValueOrDefault(id) + 1 : 0;
        var progress = new HealthCheckProgress(successes, _failures[id], used, hc.AttemptsAllowed, hc.MinConsecutiveSuccesses, hc.GraceAttempts);
        return Task(at, id, TaskState.Starting, passed ? "Health check passed." : "Health check failed: HTTP 503 from /health", progress);
    }

    public LogScript Decide(double at, int id, GatingMode mode, double? watchDeadline = null)
    {
        Log.Add(new GatingDecisionMade(Key, At(at), id, _taskOf[id], mode, $"S2: {mode.WireName()}", watchDeadline is { } d ? At(d) : null));
        return this;
    }

    /// <summary>UPDATING and the old task killed: KILLING at once, KILLED 2 s later, a new task PENDING then, ASSIGNED 1 s after.</summary>
    public LogScript Begin(double at, int id, bool backward = false)
    {
        Action(at, id, backward ? InstanceAction.InstanceRollingBack : InstanceAction.InstanceUpdating);
        Task(at, id, TaskState.Killing, "Killed for job update web-1");
        Task(at + 2, id, TaskState.Killed, "Task killed.");
        Task(at + 2, id, TaskState.Pending, fresh: true);
        return Task(at + 3, id, TaskState.Assigned);
    }

    /// <summary>
    /// A whole instance on a vCurrent executor from <paramref name="at"/>: STARTING at +4, checks from +6 every 5 s,
    /// healthy after two passes (RUNNING at +11), health-gated and updated at once. Returns when it was updated.
    /// </summary>
    public double Gated(double at, int id, bool backward = false)
    {
        Begin(at, id, backward);
        Task(at + 4, id, TaskState.Starting);
        Check(at + 6, id, passed: true, successes: 1);
        Task(at + 11, id, TaskState.Running, HealthyMessage,
            new HealthCheckProgress(2, 0, 2, Hc.AttemptsAllowed, Hc.MinConsecutiveSuccesses, Hc.GraceAttempts));
        Decide(at + 11, id, GatingMode.HealthGated);
        Action(at + 11, id, backward ? InstanceAction.InstanceRolledBack : InstanceAction.InstanceUpdated, "RUNNING and health-gated");
        return at + 11;
    }

    /// <summary>
    /// A whole instance on a vPrev executor from <paramref name="at"/>: STARTING at +4, RUNNING at +6, then watch_secs.
    /// Returns when it was updated; with <paramref name="finish"/> false it stops at RUNNING.
    /// </summary>
    public double Watched(double at, int id, bool finish = true, bool backward = false)
    {
        Begin(at, id, backward);
        Task(at + 4, id, TaskState.Starting, "Initializing sandbox.");
        Task(at + 6, id, TaskState.Running);
        var deadline = at + 6 + Settings.WatchSecs;
        Decide(at + 6, id, GatingMode.WatchSecs, deadline);
        if (finish) Action(deadline, id, backward ? InstanceAction.InstanceRolledBack : InstanceAction.InstanceUpdated, "RUNNING for watch_secs");
        return deadline;
    }

    public UpdateInsight Build(double asOf, InsightOptions? options = null) => UpdateInsight.Build(Log, At(asOf), options);

    public UpdateInsightFold Fold(double asOf)
    {
        var fold = new UpdateInsightFold(Log);
        fold.AdvanceTo(At(asOf));
        return fold;
    }
}
