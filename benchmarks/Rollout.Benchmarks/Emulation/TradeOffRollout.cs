using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Model;
using Rollout.Emulator.Apps;
using Rollout.Emulator.Engine;

namespace Rollout.Benchmarks.Emulation;

/// <summary>
/// One rollout on the emulator in virtual time, set up as TradeOffTests does at 100 instances:
/// batches of 10, watch_secs=45, the same application timings and seed; only the size changes.
/// </summary>
internal static class TradeOffRollout
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly HealthCheckConfig Hc = new(InitialIntervalSecs: 10, IntervalSecs: 5, MaxConsecutiveFailures: 1, MinConsecutiveSuccesses: 2);
    private static readonly AppProfile App = new() { HealthyAfterSecs = new SecondsRange(6, 14) };
    private static readonly JobKey Job = new("www-data", "prod", "web");

    private static readonly UpdateSettings Settings = new()
    {
        Strategy = UpdateStrategyKind.Batch, GroupSize = 10, WatchSecs = 45, MaxPerInstanceFailures = 1, MaxFailedInstances = 5,
    };

    /// <summary>
    /// Virtual time from the update's start to its last event. The engine runs every action at its
    /// own instant, so the clock's step only sets how often completion is checked, not the result.
    /// </summary>
    /// <param name="vCurrentFraction">1: every executor gates RUNNING on health; 0: none does (watch_secs).</param>
    public static TimeSpan Run(int instances, double vCurrentFraction, CancellationToken cancellationToken, int seed = 42)
    {
        var time = new FakeTimeProvider(Start);
        using var engine = new SchedulerEngine(time, new EngineOptions { Seed = seed, RetainedEvents = Math.Max(250_000, instances * 40) });
        engine.AddHostPool("web", 20, vCurrentFraction);
        engine.CreateJob(Job, instances, new TaskSpec("v1", Hc, App), "web");
        var key = engine.StartUpdate(new UpdateRequest(Job, "alice", new TaskSpec("v2", Hc, App), instances, Settings, DetectionStrategy.Capabilities));

        // Far more than batches x (watch_secs + start-up) needs; a stuck update fails loudly instead.
        var budget = Start + TimeSpan.FromSeconds(600 + (instances / Settings.GroupSize * 300));
        UpdateStatus? status;
        while ((status = engine.StatusOf(key)) is not { } s || !s.IsTerminal())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (time.GetUtcNow() > budget) throw new TimeoutException($"{instances}-instance rollout still {status} at {time.GetUtcNow() - Start}");
            time.Advance(TimeSpan.FromSeconds(30));
        }

        if (status != UpdateStatus.RolledForward) throw new InvalidOperationException($"{instances}-instance rollout ended {status}");
        var summary = engine.ListUpdates(Job).Single(u => u.Key == key);
        return summary.LastModified - summary.Created;
    }
}
