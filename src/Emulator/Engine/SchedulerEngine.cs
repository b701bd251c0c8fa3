using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rollout.Domain.Events;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Emulator.Cluster;
using Rollout.Emulator.Events;

namespace Rollout.Emulator.Engine;

/// <summary>
/// The emulated scheduler: hosts, executors, jobs and the updater, driven by a discrete-event agenda
/// on an injected <see cref="TimeProvider"/>. Every action runs at its scheduled instant, whatever
/// moment the clock is read, so a seed gives the same event log under real, scaled or fake time.
/// One lock guards all state; the two event logs are the only things read from outside it.
/// </summary>
public sealed partial class SchedulerEngine : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PriorityQueue<Action, (long Ticks, long Order)> _agenda = new();
    private readonly Random _random;
    private readonly ITimer _timer;
    private readonly Dictionary<string, HostPool> _pools = [];
    private readonly Dictionary<JobKey, JobState> _jobs = [];
    private readonly List<UpdateRun> _updates = [];
    private long _agendaOrder;
    private bool _catchingUp;
    private DateTimeOffset _now;
    private bool _disposed;

    public SchedulerEngine(TimeProvider time, EngineOptions options, ILogger<SchedulerEngine>? logger = null)
    {
        _time = time;
        Options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _random = new Random(options.Seed);
        _now = time.GetUtcNow();
        Epoch = $"{_now.ToUnixTimeMilliseconds():x}-{Guid.NewGuid().ToString("N")[..8]}";
        StatusLog = new EventLog<TaskStatusUpdate>(Epoch, options.RetainedEvents);
        UpdaterLog = new EventLog<UpdaterEvent>(Epoch, options.RetainedEvents);
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
            if (_pools.ContainsKey(pool)) throw new InvalidOperationException($"host pool {pool} already exists");
            var hosts = new HostPool();
            for (var i = 1; i <= count; i++) hosts.Hosts.Add(new ClusterHost($"{pool}-{i:D3}", ExecutorVersion.VPrev));
            _pools[pool] = hosts;
            hosts.SetExecutorMix(vCurrentFraction);
        }
    }

    /// <summary>
    /// Rolls the executor itself: the first <paramref name="vCurrentFraction"/> of the pool's hosts run
    /// vCurrent, the rest vPrev. Running tasks keep the executor they started with.
    /// </summary>
    public void SetExecutorMix(string pool, double vCurrentFraction)
    {
        lock (_gate)
        {
            CatchUp();
            PoolOf(pool).SetExecutorMix(vCurrentFraction);
        }
    }

    public IReadOnlyDictionary<string, ExecutorVersion> HostExecutors()
    {
        lock (_gate) return _pools.Values.SelectMany(p => p.Hosts).ToDictionary(h => h.Name, h => h.Executor);
    }

    /// <summary>Runs <paramref name="action"/> inside the engine at <paramref name="delay"/> from now.</summary>
    public void At(TimeSpan delay, Action<SchedulerEngine> action)
    {
        lock (_gate)
        {
            CatchUp();
            Schedule(delay, () => action(this));
            Rearm();
        }
    }

    public Snapshot<TaskStatusUpdate> StatusSnapshot()
    {
        lock (_gate)
        {
            CatchUp();
            var items = new List<TaskStatusUpdate>();
            foreach (var job in _jobs.Values)
            {
                foreach (var slot in job.Slots.Values)
                {
                    if (slot.Previous is not null) items.AddRange(slot.Previous.History);
                    if (slot.Task is not null) items.AddRange(slot.Task.History);
                }
            }

            return new Snapshot<TaskStatusUpdate>(items, new StreamPosition(Epoch, StatusLog.Head));
        }
    }

    public Snapshot<UpdaterEvent> UpdaterSnapshot()
    {
        lock (_gate)
        {
            CatchUp();
            var items = _updates.SelectMany(u => u.Journal).ToList();
            return new Snapshot<UpdaterEvent>(items, new StreamPosition(Epoch, UpdaterLog.Head));
        }
    }

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

    private HostPool PoolOf(string pool) =>
        _pools.TryGetValue(pool, out var hosts) ? hosts : throw new ArgumentException($"host pool {pool} does not exist", nameof(pool));

    private void Schedule(TimeSpan delay, Action action)
    {
        var at = _now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        _agenda.Enqueue(action, (at.UtcTicks, _agendaOrder++));
    }

    private void ScheduleSecs(double seconds, Action action) => Schedule(TimeSpan.FromSeconds(seconds), action);

    /// <summary>
    /// Runs every action due by the clock's now, each at its own instant. Actions that call public
    /// methods re-enter here; those calls must not run later actions ahead of their time.
    /// </summary>
    private void CatchUp()
    {
        if (_disposed || _catchingUp) return;
        _catchingUp = true;
        try
        {
            RunDueActions();
        }
        finally
        {
            _catchingUp = false;
        }
    }

    private void RunDueActions()
    {
        var target = _time.GetUtcNow();
        while (_agenda.TryPeek(out var action, out var key) && key.Ticks <= target.UtcTicks)
        {
            _agenda.Dequeue();
            _now = new DateTimeOffset(key.Ticks, TimeSpan.Zero);
            try
            {
                action();
            }
#pragma warning disable CA1031 // One bad action must not stop the scheduler: count it, log it, go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Faults++;
                LogActionFailed(_logger, ex, _now);
            }
        }

        if (target > _now) _now = target;
    }

    private void Rearm()
    {
        if (_disposed) return;
        if (_agenda.TryPeek(out _, out var key))
        {
            var due = new DateTimeOffset(key.Ticks, TimeSpan.Zero) - _time.GetUtcNow();
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


    private void PublishUpdaterEvent(UpdateRun update, UpdaterEvent e)
    {
        update.Journal.Add(e);
        update.LastModified = e.Timestamp;
        UpdaterLog.Append(e);
    }
}
