using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Model;
using Rollout.Domain.Streams;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Events;

namespace Rollout.Benchmarks.Emulation;

/// <summary>
/// One job rolled from v1 to v2 in batches of 500 with health checks, on a fake clock advanced as
/// fast as the engine keeps up: the engine's own speed, in wall time. Only the engine's public API is
/// used, so the figure survives a rewrite of its insides.
/// </summary>
internal static class ThroughputRollout
{
    public const int GroupSize = 500;

    public const int Hosts = 200;

    /// <summary>The update's id, on fake time and streamed alike.</summary>
    public const string UpdateId = "edge-rollout";

    /// <summary>
    /// Virtual time per clock step: about what one timer tick covers when the emulator streams at
    /// --speed 1000. Every action still runs at its own instant, whatever the step.
    /// </summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    // As the large-job scenario: two passing checks after a 10 s grace, healthy 6-14 s after start.
    private static readonly HealthCheckConfig Hc = new(InitialIntervalSecs: 10, IntervalSecs: 5, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 2, TimeoutSecs: 1);
    private static readonly AppProfile App = new() { HealthyAfterSecs = new SecondsRange(6, 14) };
    public static readonly JobKey Job = new("cdn", "prod", "edge");

    private static readonly UpdateSettings Settings = new()
    {
        Strategy = UpdateStrategyKind.Batch, GroupSize = GroupSize, WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 50,
    };

    /// <summary>What one rollout emitted, how long it took in wall time, and (when asked) its status events.</summary>
    public sealed record Result(
        UpdateStatus Status,
        long StatusEvents,
        long UpdaterEvents,
        TimeSpan Elapsed,
        TimeSpan VirtualDuration,
        int RetainedEvents,
        IReadOnlyList<TaskStatusUpdate> Events);

    /// <summary>The v1 job every rollout starts from: what <see cref="StreamedRollout"/> writes into its scenario.</summary>
    public static TaskSpec V1 { get; } = new("v1", Hc, App);

    /// <summary>The update every rollout runs: the job to v2, all its instances, in batches of <see cref="GroupSize"/>.</summary>
    public static UpdateRequest Request(int instances) =>
        new(Job, "heidi", new TaskSpec("v2", Hc, App), instances, Settings, DetectionStrategy.Capabilities, UpdateId);

    /// <summary>A rollout emits about 8.5 status events per instance (7 mixed): the default 250,000 holds 10,000 instances with room to spare.</summary>
    public static int RetainedEvents(int instances) => Math.Max(new EngineOptions().RetainedEvents, instances * 25);

    /// <summary>
    /// Builds the engine and the running v1 job untimed, then times from StartUpdate until the update
    /// is terminal. Status and updater events are the two logs' head deltas over that window.
    /// </summary>
    /// <param name="vCurrentFraction">1: every executor gates RUNNING on health; 0.5: half the instances wait watch_secs instead.</param>
    /// <param name="captureEvents">Copies the rollout's status events out of the log afterwards, untimed.</param>
    public static Result Run(int instances, double vCurrentFraction, bool captureEvents, CancellationToken cancellationToken, int seed = 1)
    {
        var time = new FakeTimeProvider(Start);
        var retained = RetainedEvents(instances);
        using var engine = new SchedulerEngine(time, new EngineOptions { Seed = seed, RetainedEvents = retained });
        engine.AddHostPool("edge", Hosts, vCurrentFraction);
        engine.CreateJob(Job, instances, V1, "edge");
        var request = Request(instances);

        // Far more than batches x (watch_secs + start-up) needs; a stuck update fails loudly instead.
        var budget = Start + TimeSpan.FromSeconds(600 + (instances / GroupSize * 300));
        var statusBefore = engine.StatusLog.Head;
        var updaterBefore = engine.UpdaterLog.Head;

        var clock = Stopwatch.StartNew();
        var key = engine.StartUpdate(request);
        UpdateStatus? status;
        while ((status = engine.StatusOf(key)) is not { } s || !s.IsTerminal())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (time.GetUtcNow() > budget) throw new TimeoutException($"{instances}-instance rollout still {status} at {time.GetUtcNow() - Start}");
            time.Advance(Step);
        }

        clock.Stop();
        var statusEvents = engine.StatusLog.Head - statusBefore;
        var updaterEvents = engine.UpdaterLog.Head - updaterBefore;
        var summary = engine.ListUpdates(Job).Single(u => u.Key == key);
        var events = captureEvents ? ReadAfter(engine.StatusLog, statusBefore) : [];
        return new(status.Value, statusEvents, updaterEvents, clock.Elapsed, summary.LastModified - summary.Created, retained, events);
    }

    private static List<TaskStatusUpdate> ReadAfter(EventLog<TaskStatusUpdate> log, long after)
    {
        var read = new List<LiveEvent<TaskStatusUpdate>>();
        if (log.ReadAfter(after, int.MaxValue, read) != ReadResult.Ok) throw new InvalidOperationException("the status log dropped the rollout's events: retain more");
        return read.ConvertAll(e => e.Item);
    }
}
