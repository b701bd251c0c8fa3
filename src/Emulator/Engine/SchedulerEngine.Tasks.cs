using Rollout.Domain.Capabilities;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Executors;

namespace Rollout.Emulator.Engine;

/// <summary>Task lifecycles and the two executor generations.</summary>
public sealed partial class SchedulerEngine
{
    private const double AssignSecs = 1;
    private const double StartingSecs = 1;

    /// <summary>What a vCurrent executor advertises after its RUNNING message.</summary>
    private static readonly string CapabilitiesSuffix = " " + ExecutorCapabilities.Format(
        [ExecutorCapability.HealthGatedRunning, ExecutorCapability.HealthCheckProgress, ExecutorCapability.GracefulShutdown]);

    /// <summary>Creates a job whose instances already run <paramref name="spec"/> on hosts of <paramref name="pool"/>.</summary>
    public void CreateJob(JobKey key, int instances, TaskSpec spec, string pool)
    {
        lock (_gate)
        {
            CatchUp();
            if (_jobs.ContainsKey(key)) throw new InvalidOperationException($"job {key} already exists");
            var job = new JobState(key, PoolOf(pool));
            _jobs[key] = job;
            for (var i = 0; i < instances; i++)
            {
                var slot = new InstanceSlot(i) { Spec = spec };
                job.Slots[i] = slot;
                var task = NewTask(job, slot, spec);
                var host = job.Pool.Next();
                task.Host = host.Name;
                task.Executor = host.Executor;
                Publish(job, task, TaskState.Running, RunningMessage(task), StatusSource.Executor);
            }

            Rearm();
        }
    }

    private static SimTask NewTask(JobState job, InstanceSlot slot, TaskSpec spec)
    {
        var id = $"{job.Key.Role}-{job.Key.Environment}-{job.Key.Name}-{slot.Id}-{++job.TaskCounter:x}";
        var task = new SimTask(id, job.Key, slot.Id, spec);
        if (slot.Task is not null) slot.Previous = slot.Task;
        slot.Task = task;
        return task;
    }

    /// <summary>The scheduler places a new task: PENDING, ASSIGNED to a host, then the executor takes over.</summary>
    private void Launch(JobState job, InstanceSlot slot, TaskSpec spec)
    {
        slot.Spec = spec;
        slot.LaunchAfterKill = null;
        var task = NewTask(job, slot, spec);
        Publish(job, task, TaskState.Pending, string.Empty, StatusSource.Scheduler);
        ScheduleSecs(AssignSecs, () =>
        {
            if (task.State != TaskState.Pending) return;
            var host = job.Pool.Next();
            task.Host = host.Name;
            task.Executor = host.Executor;
            Publish(job, task, TaskState.Assigned, string.Empty, StatusSource.Scheduler);
            ScheduleSecs(StartingSecs, () =>
            {
                if (task.State != TaskState.Assigned) return;
                Publish(job, task, TaskState.Starting, "Initializing sandbox.", StatusSource.Executor);
                ScheduleSecs(spec.App.ProcessStartSecs, () => StartProcess(job, task));
            });
        });
    }

    private void StartProcess(JobState job, SimTask task)
    {
        if (task.State != TaskState.Starting) return;
        task.ProcessStartedAt = _now;
        task.HealthyAfterSecs = task.Spec.App.HealthyAfterSecs.Draw(_random);
        var health = task.Spec.HealthCheck;

        if (task.Executor == ExecutorVersion.VCurrent && health is not null)
        {
            // Held in STARTING until the checks pass; the first check runs one interval in.
            task.Checker = new HealthChecker(health, gatesRunning: true);
            ScheduleSecs(health.IntervalSecs, () => CheckHealth(job, task));
            return;
        }

        Publish(job, task, TaskState.Running, RunningMessage(task), StatusSource.Executor);
        OnRunning(job, task);
        if (health is not null)
        {
            // vPrev checks after the initial interval, then every interval (thermos before AURORA-894).
            task.Checker = new HealthChecker(health, gatesRunning: false);
            ScheduleSecs(health.InitialIntervalSecs, () => CheckHealth(job, task));
        }
    }

    private static string RunningMessage(SimTask task)
    {
        if (task.Executor != ExecutorVersion.VCurrent) return string.Empty;
        var text = task.Spec.HealthCheck is null ? ExecutorMessages.NoHealthCheckDefined : ExecutorMessages.TaskIsHealthy;
        return text + CapabilitiesSuffix;
    }

    private void OnRunning(JobState job, SimTask task)
    {
        if (task.Spec.App.CrashAfterRunningSecs is { } crash)
        {
            ScheduleSecs(crash, () =>
            {
                if (task.State != TaskState.Running) return;
                Publish(job, task, TaskState.Failed, "Process 'app' exited with status 1.", StatusSource.Executor);
            });
        }
    }

    private void CheckHealth(JobState job, SimTask task)
    {
        if (task.State is not (TaskState.Starting or TaskState.Running) || task.Checker is null) return;
        var (passed, reason) = Probe(task);
        var checker = task.Checker;
        var outcome = checker.Record(passed, reason);

        switch (outcome.Kind)
        {
            case HealthCheckOutcomeKind.Failed:
                Publish(job, task, TaskState.Failed, ExecutorMessages.FailedHealthCheck(outcome.FailureReason ?? "unknown"),
                    StatusSource.Executor, task.Executor == ExecutorVersion.VCurrent ? checker.Progress : null);
                return;
            case HealthCheckOutcomeKind.BecameHealthy:
                Publish(job, task, TaskState.Running, RunningMessage(task), StatusSource.Executor, checker.Progress);
                OnRunning(job, task);
                break;
            case HealthCheckOutcomeKind.Proving:
                var message = passed ? "Health check passed." : $"Health check failed: {reason}";
                Publish(job, task, TaskState.Starting, message, StatusSource.Executor, checker.Progress);
                break;
        }

        ScheduleSecs(checker.Config.IntervalSecs, () => CheckHealth(job, task));
    }

    /// <summary>One health check of the application, as its profile dictates.</summary>
    private (bool Passed, string? Reason) Probe(SimTask task)
    {
        var app = task.Spec.App;
        if (app.NeverHealthy) return (false, "HTTP 503 from /health");
        var up = (_now - task.ProcessStartedAt).TotalSeconds;
        if (up < task.HealthyAfterSecs) return (false, "Connection refused on /health");
        if (app.FlapFailureRate > 0 && _random.NextDouble() < app.FlapFailureRate) return (false, "HTTP 500 from /health");
        return (true, null);
    }

    /// <summary>The scheduler kills a task: KILLING at once, KILLED once the executor has stopped it.</summary>
    private void Kill(JobState job, SimTask task, string message)
    {
        if (task.State.IsTerminal() || task.KillRequested) return;
        task.KillRequested = true;
        Publish(job, task, TaskState.Killing, message, StatusSource.Scheduler);
        ScheduleSecs(task.Spec.App.KillSecs, () =>
        {
            if (task.State.IsTerminal()) return;
            Publish(job, task, TaskState.Killed, "Task killed.", StatusSource.Executor);
        });
    }

    private void Publish(
        JobState job,
        SimTask task,
        TaskState state,
        string message,
        StatusSource source,
        HealthCheckProgress? progress = null)
    {
        task.State = state;
        var update = new TaskStatusUpdate(task.Id, job.Key, task.InstanceId, state, message, _now, source, task.Host, progress);
        task.Record(update);
        StatusLog.Append(update);
        if (state.IsTerminal()) OnTerminated(job, task);
        OnTaskChanged(job, task);
    }

    private void OnTerminated(JobState job, SimTask task)
    {
        if (!job.Slots.TryGetValue(task.InstanceId, out var slot) || slot.Task != task) return;

        if (slot.LaunchAfterKill is { } next)
        {
            // Replacing the killed task is the updater's step: a paused update takes no action.
            if (job.ActiveUpdate is not { } run || run.Status.IsRolling()) Launch(job, slot, next);
            return;
        }

        // A service task that dies on its own is restarted by the scheduler with the same config.
        if (!task.KillRequested && slot.Spec is { } spec)
        {
            ScheduleSecs(Options.RestartDelaySecs, () =>
            {
                if (slot.Task == task && slot.LaunchAfterKill is null) Launch(job, slot, spec);
            });
        }
    }
}
