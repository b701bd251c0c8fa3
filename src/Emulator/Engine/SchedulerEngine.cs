using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rollout.Domain.Events;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Emulator.Cluster;
using Rollout.Emulator.Events;
using Rollout.Emulator.Tasks;
using Rollout.Emulator.Updater;

namespace Rollout.Emulator.Engine;

/// <summary>
/// The emulated scheduler, built as Aurora's is: a task layer (<see cref="TaskRuntime"/>: hosts,
/// executors, tasks), an updater (<see cref="JobUpdateController"/> with one-way updaters per update),
/// and the agenda that drives both on an injected <see cref="TimeProvider"/>. The layers never call
/// each other back: task changes are queued and handed to the updater after each agenda step.
/// One lock guards all state; the two event logs are the only things read from outside it.
/// </summary>
public sealed partial class SchedulerEngine : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Agenda _agenda;
    private readonly TaskRuntime _tasks;
    private readonly JobUpdateController _updater;
    private readonly ITimer _timer;
    private bool _disposed;
    private bool _stepping;

    public SchedulerEngine(TimeProvider time, EngineOptions options, ILogger<SchedulerEngine>? logger = null)
    {
        _time = time;
        Options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var now = time.GetUtcNow();
        Epoch = $"{now.ToUnixTimeMilliseconds():x}-{Guid.NewGuid().ToString("N")[..8]}";
        StatusLog = new EventLog<TaskStatusUpdate>(Epoch, options.RetainedEvents);
        UpdaterLog = new EventLog<UpdaterEvent>(Epoch, options.RetainedEvents);
        _agenda = new Agenda(now);
        _tasks = new TaskRuntime(_agenda, new Random(options.Seed), StatusLog, options);
        _updater = new JobUpdateController(_agenda, _tasks, UpdaterLog, options);
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public EngineOptions Options { get; }

    /// <summary>Identifies this run's event logs; a restarted engine has a new one.</summary>
    public string Epoch { get; }

    public EventLog<TaskStatusUpdate> StatusLog { get; }

    public EventLog<UpdaterEvent> UpdaterLog { get; }

    /// <summary>Actions that threw; each is logged and skipped so the agenda keeps going.</summary>
    public int Faults { get; private set; }

    /// <summary>Adds <paramref name="count"/> hosts named "{pool}-{n}", a <paramref name="vCurrentFraction"/> of them on vCurrent.</summary>
    public void AddHostPool(string pool, int count, double vCurrentFraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            if (_tasks.Pools.ContainsKey(pool)) throw new InvalidOperationException($"host pool {pool} already exists");
            var hosts = new HostPool();
            for (var i = 1; i <= count; i++) hosts.Hosts.Add(new ClusterHost($"{pool}-{i:D3}", ExecutorVersion.VPrev));
            _tasks.Pools[pool] = hosts;
            hosts.SetExecutorMix(vCurrentFraction);
        }
    }

    /// <summary>
    /// Rolls the executor itself: the first <paramref name="vCurrentFraction"/> of the pool's hosts run
    /// vCurrent, the rest vPrev. Running tasks keep the executor they started with.
    /// </summary>
    public void SetExecutorMix(string pool, double vCurrentFraction) => Step(() => _tasks.PoolOf(pool).SetExecutorMix(vCurrentFraction));

    public IReadOnlyDictionary<string, ExecutorVersion> HostExecutors()
    {
        lock (_gate) return _tasks.Pools.Values.SelectMany(p => p.Hosts).ToDictionary(h => h.Name, h => h.Executor);
    }

    /// <summary>Creates a job whose instances already run <paramref name="spec"/> on hosts of <paramref name="pool"/>.</summary>
    public void CreateJob(JobKey key, int instances, Apps.TaskSpec spec, string pool) => Step(() => _tasks.CreateJob(key, instances, spec, pool));

    public UpdateKey StartUpdate(UpdateRequest request)
    {
        var errors = request.Settings.Validate();
        if (errors.Count > 0) throw new ArgumentException($"update settings: {string.Join("; ", errors)}", nameof(request));
        if (request.DesiredInstances < 0) throw new ArgumentException("desired instances must be >= 0", nameof(request));
        return Step(() => _updater.Start(request));
    }

    /// <summary>Runs <paramref name="action"/> inside the engine at <paramref name="delay"/> from now.</summary>
    public void At(TimeSpan delay, Action<SchedulerEngine> action) => Step(() => _agenda.After(delay, () => action(this)));

    public Snapshot<TaskStatusUpdate> StatusSnapshot() => Step(() =>
    {
        var items = new List<TaskStatusUpdate>();
        foreach (var job in _tasks.Jobs.Values)
        {
            foreach (var slot in job.Slots.Values)
            {
                if (slot.Previous is not null) items.AddRange(slot.Previous.History);
                if (slot.Task is not null) items.AddRange(slot.Task.History);
            }
        }

        if (_replay is not null) items.AddRange(_replay.StatusSnapshot());
        return new Snapshot<TaskStatusUpdate>(items, new StreamPosition(Epoch, StatusLog.Head));
    });

    public Snapshot<UpdaterEvent> UpdaterSnapshot() => Step(() =>
        new Snapshot<UpdaterEvent>(
            _updater.Updates.SelectMany(u => u.Journal).Concat(_replay?.UpdaterSnapshot() ?? []).ToList(), new StreamPosition(Epoch, UpdaterLog.Head)));

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Emulator action failed at {Time}; skipped")]
    private static partial void LogActionFailed(ILogger logger, Exception exception, DateTimeOffset time);

    private void Step(Action action) => Step(() =>
    {
        action();
        return true;
    });

    /// <summary>
    /// One call from outside: catch up with the clock, run the call as an agenda step of its own (its
    /// task changes reach the updater before it returns), and re-arm the timer. A call made by an
    /// agenda action (a scenario's scheduled pulse) is part of that action's step and runs at its instant.
    /// </summary>
    private T Step<T>(Func<T> call)
    {
        lock (_gate)
        {
            if (_stepping) return call();
            CatchUp();
            _stepping = true;
            try
            {
                var result = call();
                DrainTaskChanges();
                return result;
            }
            finally
            {
                _stepping = false;
                Rearm();
            }
        }
    }

    /// <summary>Runs every action due by the clock's now, each at its own instant, and its consequences.</summary>
    private void CatchUp()
    {
        if (_disposed || _stepping) return;
        _stepping = true;
        try
        {
            var target = _time.GetUtcNow();
            while (_agenda.TryTakeDue(target, out var action))
            {
                Run(action);
                DrainTaskChanges();
            }

            _agenda.CatchUpTo(target);
        }
        finally
        {
            _stepping = false;
        }
    }

    /// <summary>Hands each queued task change to the updater; what the updater does in turn queues more.</summary>
    private void DrainTaskChanges()
    {
        while (_tasks.Changes.TryDequeue(out var change))
        {
            try
            {
                _updater.OnTaskChanged(change);
            }
#pragma warning disable CA1031 // As in Run: one bad evaluation must not stop the scheduler.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Fault(ex);
            }
        }
    }

    private void Run(Action action)
    {
        try
        {
            action();
        }
#pragma warning disable CA1031 // One bad action must not stop the scheduler: count it, log it, go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Fault(ex);
        }
    }

    private void Fault(Exception ex)
    {
        Faults++;
        LogActionFailed(_logger, ex, _agenda.Now);
    }

    private void Rearm()
    {
        if (_disposed) return;
        if (_agenda.NextDue is { } next)
        {
            var due = next - _time.GetUtcNow();
            _timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            CatchUp();
            Rearm();
        }
    }
}
