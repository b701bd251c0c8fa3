using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Events;

namespace Rollout.Emulator.Tests.Support;

/// <summary>An engine on virtual time, with helpers to run it and read what it logged.</summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly Dictionary<JobKey, int> _sizes = [];

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static readonly HealthCheckConfig Hc = new(InitialIntervalSecs: 10, IntervalSecs: 5, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 2);

    public static readonly AppProfile FastApp = new() { HealthyAfterSecs = new SecondsRange(6, 14) };

    public EngineHarness(int seed = 1, EngineOptions? options = null)
    {
        Engine = new SchedulerEngine(Time, (options ?? new EngineOptions()) with { Seed = seed });
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public SchedulerEngine Engine { get; }

    public static TaskSpec Spec(string version, AppProfile? app = null, HealthCheckConfig? hc = null, bool noHealthCheck = false) =>
        new(version, noHealthCheck ? null : hc ?? Hc, app ?? FastApp);

    /// <summary>A pool of hosts and a job of <paramref name="instances"/> running <paramref name="spec"/> (v1 by default).</summary>
    public JobKey Job(string name, int instances, double vCurrentFraction = 1.0, int hosts = 4, TaskSpec? spec = null)
    {
        Engine.AddHostPool(name, hosts, vCurrentFraction);
        var key = new JobKey("www-data", "prod", name);
        Engine.CreateJob(key, instances, spec ?? Spec("v1"), name);
        _sizes[key] = instances;
        return key;
    }

    public UpdateKey Update(JobKey job, UpdateSettings settings, TaskSpec? spec = null, DetectionStrategy strategy = DetectionStrategy.Capabilities, int? instances = null) =>
        Engine.StartUpdate(new UpdateRequest(job, "alice", spec ?? Spec("v2"), instances ?? _sizes[job], settings, strategy));

    public void Run(TimeSpan span) => Time.Advance(span);

    /// <summary>
    /// Advances one <paramref name="step"/> (1 s by default) at a time until <paramref name="condition"/> holds,
    /// checking before each step; fails the test when the budget (2 h by default) runs out first.
    /// </summary>
    public void RunUntil(Func<bool> condition, string what, TimeSpan? step = null, TimeSpan? budget = null)
    {
        var end = Time.GetUtcNow() + (budget ?? TimeSpan.FromHours(2));
        while (!condition())
        {
            if (Time.GetUtcNow() >= end) Assert.Fail($"never happened within the budget: {what}");
            Time.Advance(step ?? TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The latest reported state of each instance of <paramref name="job"/> (of its newest task).</summary>
    public IReadOnlyDictionary<int, TaskState> LatestStates(JobKey job) =>
        StatusUpdates().Select(e => e.Item).Where(u => u.Job == job)
            .GroupBy(u => u.InstanceId)
            .ToDictionary(g => g.Key, g => g.Last().State);

    /// <summary>Advances until the update is terminal (or the budget runs out) and returns its status.</summary>
    public UpdateStatus RunToEnd(UpdateKey key, TimeSpan? budget = null)
    {
        var end = Time.GetUtcNow() + (budget ?? TimeSpan.FromHours(2));
        while (Time.GetUtcNow() < end)
        {
            if (Engine.StatusOf(key) is { } s && s.IsTerminal()) return s;
            Time.Advance(TimeSpan.FromSeconds(5));
        }

        return Engine.StatusOf(key) ?? throw new InvalidOperationException($"no update {key}");
    }

    public IReadOnlyList<LiveEvent<UpdaterEvent>> UpdaterEvents() => ReadAll(Engine.UpdaterLog);

    public IReadOnlyList<LiveEvent<TaskStatusUpdate>> StatusUpdates() => ReadAll(Engine.StatusLog);

    public IReadOnlyList<T> UpdaterEvents<T>(UpdateKey key) where T : UpdaterEvent =>
        UpdaterEvents().Select(e => e.Item).OfType<T>().Where(e => e.Update == key).ToList();

    public IReadOnlyList<UpdateStatus> Statuses(UpdateKey key) => UpdaterEvents<UpdateStatusChanged>(key).Select(s => s.Status).ToList();

    public IReadOnlyList<InstanceActionRecorded> Actions(UpdateKey key) => UpdaterEvents<InstanceActionRecorded>(key);

    public TimeSpan Duration(UpdateKey key)
    {
        var events = UpdaterEvents().Select(e => e.Item).Where(e => e.Update == key).ToList();
        return events[^1].Timestamp - events[0].Timestamp;
    }

    private static List<LiveEvent<T>> ReadAll<T>(EventLog<T> log)
    {
        var all = new List<LiveEvent<T>>();
        Assert.Equal(ReadResult.Ok, log.ReadAfter(log.Oldest - 1, int.MaxValue, all));
        return all;
    }

    public void Dispose() => Engine.Dispose();
}
