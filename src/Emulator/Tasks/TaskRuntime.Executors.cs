using Rollout.Domain.Capabilities;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Emulator.Executors;

namespace Rollout.Emulator.Tasks;

/// <summary>
/// The two executor generations. vPrev (thermos before AURORA-894) reports RUNNING as soon as the
/// process starts and health-checks it afterwards. vCurrent holds the task in STARTING until its health
/// checks pass, then reports RUNNING with "Task is healthy." and its capabilities.
/// </summary>
internal sealed partial class TaskRuntime
{
    private const double AssignSecs = 1;
    private const double StartingSecs = 1;

    /// <summary>The STARTING message of the old executor; the new one sends STARTING with no message.</summary>
    private const string VPrevStartingMessage = "Initializing sandbox.";

    /// <summary>What a vCurrent executor advertises after its RUNNING message.</summary>
    private static readonly string CapabilitiesSuffix = " " + ExecutorCapabilities.Format(
        [ExecutorCapability.HealthGatedRunning, ExecutorCapability.HealthCheckProgress, ExecutorCapability.GracefulShutdown]);

    private void Assign(JobState job, SimTask task)
    {
        if (task.State != TaskState.Pending) return;
        Place(job, task);
        Publish(job, task, TaskState.Assigned, string.Empty, StatusSource.Scheduler);
        agenda.AfterSecs(StartingSecs, () =>
        {
            if (task.State != TaskState.Assigned) return;
            var message = task.Executor == ExecutorVersion.VCurrent ? string.Empty : VPrevStartingMessage;
            Publish(job, task, TaskState.Starting, message, StatusSource.Executor);
            agenda.AfterSecs(task.Spec.App.ProcessStartSecs, () => StartProcess(job, task));
        });
    }

    private void StartProcess(JobState job, SimTask task)
    {
        if (task.State != TaskState.Starting) return;
        task.ProcessStartedAt = agenda.Now;
        task.HealthyAfterSecs = task.Spec.App.HealthyAfterSecs.Draw(random);
        var health = task.Spec.HealthCheck;

        if (task.Executor == ExecutorVersion.VCurrent && health is not null)
        {
            // Held in STARTING until the checks pass; the checker starts with the process and checks at once.
            StartChecking(job, task, new HealthChecker(health, gatesRunning: true));
            return;
        }

        Publish(job, task, TaskState.Running, RunningMessage(task), StatusSource.Executor);
        OnRunning(job, task);

        // vPrev checks after the initial interval, then every interval (thermos before AURORA-894).
        if (health is not null) StartChecking(job, task, new HealthChecker(health, gatesRunning: false));
    }

    private static readonly string HealthyRunningMessage = ExecutorMessages.TaskIsHealthy + CapabilitiesSuffix;

    private static readonly string UncheckedRunningMessage = ExecutorMessages.NoHealthCheckDefined + CapabilitiesSuffix;

    private static string RunningMessage(SimTask task)
    {
        if (task.Executor != ExecutorVersion.VCurrent) return string.Empty;
        return task.Spec.HealthCheck is null ? UncheckedRunningMessage : HealthyRunningMessage;
    }

    private void OnRunning(JobState job, SimTask task)
    {
        if (task.Spec.App.CrashAfterRunningSecs is { } crash)
        {
            agenda.AfterSecs(crash, () =>
            {
                if (task.State != TaskState.Running) return;
                Publish(job, task, TaskState.Failed, "Process 'app' exited with status 1.", StatusSource.Executor);
            });
        }
    }

    private void StartChecking(JobState job, SimTask task, HealthChecker checker)
    {
        task.Checker = checker;
        agenda.AfterSecs(checker.FirstCheckAfterSecs, () => BeginCheck(job, task));
    }

    private static bool StillChecked(SimTask task) =>
        task.State is TaskState.Starting or TaskState.Running && !task.KillRequested && task.Checker is not null;

    /// <summary>
    /// One tick of the checker's loop: the endpoint answers as the application is now, after the
    /// profile's latency (a check slower than timeout_secs fails when the timeout strikes); the next
    /// check starts interval_secs after this one ends. Once the attempt budget is spent, the tick fails
    /// the task without checking.
    /// </summary>
    private void BeginCheck(JobState job, SimTask task)
    {
        if (!StillChecked(task)) return;
        var checker = task.Checker!;
        if (checker.DeadlineReached)
        {
            Conclude(job, task, checker.Record(passed: false, reason: null), passed: false, reason: null);
            return;
        }

        var (passed, reason) = Probe(task);
        var latency = task.Spec.App.CheckLatencySecs.Draw(random);
        var duration = checker.CheckDurationSecs(latency);
        if (duration <= 0)
        {
            Conclude(job, task, checker.Record(passed, reason, latency), passed, reason);
            return;
        }

        agenda.AfterSecs(duration, () =>
        {
            if (!StillChecked(task)) return;
            var timedOut = latency > checker.Config.TimeoutSecs;
            Conclude(job, task, checker.Record(passed, reason, latency), passed && !timedOut, timedOut ? checker.TimeoutReason : reason);
        });
    }

    private void Conclude(JobState job, SimTask task, HealthCheckOutcome outcome, bool passed, string? reason)
    {
        var checker = task.Checker!;
        var progress = task.Executor == ExecutorVersion.VCurrent ? checker.Progress : null;
        switch (outcome.Kind)
        {
            case HealthCheckOutcomeKind.Failed:
                Publish(job, task, TaskState.Failed, outcome.Message ?? ExecutorMessages.FailedHealthCheck(outcome.FailureReason ?? "unknown"), StatusSource.Executor, progress);
                return;
            case HealthCheckOutcomeKind.BecameHealthy:
                Publish(job, task, TaskState.Running, RunningMessage(task), StatusSource.Executor, progress);
                OnRunning(job, task);
                break;
            case HealthCheckOutcomeKind.Proving:
                // Structured progress is this contract's HEALTH_CHECK_PROGRESS capability; thermos itself sends nothing here.
                var message = passed ? "Health check passed." : $"Health check failed: {reason}";
                Publish(job, task, TaskState.Starting, message, StatusSource.Executor, progress);
                break;
        }

        // A healthy task whose every later check must pass reports nothing more: its loop stops here
        // instead of ticking silently until the task ends (most of a large rollout's agenda otherwise).
        if (passed && outcome.Kind is HealthCheckOutcomeKind.Healthy or HealthCheckOutcomeKind.BecameHealthy && OnlyPassesFromNowOn(task.Spec.App, checker)) return;
        agenda.AfterSecs(checker.Config.IntervalSecs, () => BeginCheck(job, task));
    }

    /// <summary>
    /// True when the application's checks, having passed once, pass every time from now on and draw no
    /// random number: never unhealthy, no flapping, a fixed latency within timeout_secs. Such ticks
    /// change nothing the executor reports, and nothing can change their answer: the task's spec is
    /// fixed, and a kill or crash would end the loop at its next tick anyway.
    /// </summary>
    private static bool OnlyPassesFromNowOn(Apps.AppProfile app, HealthChecker checker) =>
        !app.NeverHealthy && app.FlapFailureRate <= 0
        && app.CheckLatencySecs.Max <= app.CheckLatencySecs.Min && app.CheckLatencySecs.Min <= checker.Config.TimeoutSecs;

    /// <summary>One health check of the application, as its profile dictates.</summary>
    private (bool Passed, string? Reason) Probe(SimTask task)
    {
        var app = task.Spec.App;
        if (app.NeverHealthy) return (false, "HTTP 503 from /health");
        var up = (agenda.Now - task.ProcessStartedAt).TotalSeconds;
        if (up < task.HealthyAfterSecs) return (false, "Connection refused on /health");
        if (app.FlapFailureRate > 0 && random.NextDouble() < app.FlapFailureRate) return (false, "HTTP 500 from /health");
        return (true, null);
    }
}
