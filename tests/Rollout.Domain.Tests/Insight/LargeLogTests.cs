using System.Diagnostics;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using Xunit.Abstractions;
using static Rollout.Domain.Tests.Insight.LogScript;

namespace Rollout.Domain.Tests.Insight;

/// <summary>A 10,000-instance update written in time order, batch by batch; the build time is printed, not asserted.</summary>
public class LargeLogTests(ITestOutputHelper output)
{
    private const int Instances = 10_000;
    private static readonly UpdateSettings Settings = new()
    {
        Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = [100, 500, 1000], WatchSecs = 30, MaxPerInstanceFailures = 1, MaxFailedInstances = 50,
    };

    /// <summary>Every fifth instance runs on a vPrev executor (watch_secs); the rest are health-gated.</summary>
    private static (UpdateLog Log, double End, int Batches) Write()
    {
        var log = new UpdateLog(Key);
        var hc = Hc;
        log.Add(new UpdateStarted(Key, At(0), "heidi", Settings, new TaskConfigSummary("v1", hc), new TaskConfigSummary("v2", hc),
            [new InstanceRange(0, Instances - 1)], [new InstanceRange(0, Instances - 1)], DetectionStrategy.Capabilities));
        log.Add(new UpdateStatusChanged(Key, At(0), UpdateStatus.RollingForward, "heidi", string.Empty));

        double t = 0;
        var next = 0;
        var batches = 0;
        while (next < Instances)
        {
            var size = Math.Min(Instances - next, next < 100 ? 100 : next < 600 ? 500 : 1000);
            var ids = Enumerable.Range(next, size).ToArray();
            next += size;
            batches++;
            void Each(double at, Func<int, bool> which, Action<int, DateTimeOffset> add)
            {
                foreach (var id in ids)
                {
                    if (which(id)) add(id, At(at));
                }
            }

            static bool All(int id) => true;
            static bool Prev(int id) => id % 5 == 0;
            static bool Current(int id) => id % 5 != 0;
            string Old(int id) => $"old-{id}";
            string New(int id) => $"new-{id}";
            TaskStatusUpdate Status(int id, string task, TaskState state, DateTimeOffset at, string message = "", HealthCheckProgress? p = null) =>
                new(task, Job, id, state, message, at, StatusSource.Executor, $"host-{id % 200}", p);

            Each(t, All, (id, at) => log.Add(new InstanceActionRecorded(Key, at, id, InstanceAction.InstanceUpdating, string.Empty)));
            Each(t, All, (id, at) => log.Add(Status(id, Old(id), TaskState.Killing, at, "Killed for job update web-1")));
            Each(t + 2, All, (id, at) => log.Add(Status(id, Old(id), TaskState.Killed, at, "Task killed.")));
            Each(t + 2, All, (id, at) => log.Add(Status(id, New(id), TaskState.Pending, at)));
            Each(t + 3, All, (id, at) => log.Add(Status(id, New(id), TaskState.Assigned, at)));
            Each(t + 4, All, (id, at) => log.Add(Status(id, New(id), TaskState.Starting, at, Prev(id) ? "Initializing sandbox." : string.Empty)));
            Each(t + 6, Current, (id, at) => log.Add(Status(id, New(id), TaskState.Starting, at, "Health check passed.", new HealthCheckProgress(1, 0, 1, 6, 2, 2))));
            Each(t + 6, Prev, (id, at) => log.Add(Status(id, New(id), TaskState.Running, at)));
            Each(t + 6, Prev, (id, at) => log.Add(new GatingDecisionMade(Key, at, id, New(id), GatingMode.WatchSecs, "S2: RUNNING without any capabilities", at.AddSeconds(30))));
            Each(t + 11, Current, (id, at) => log.Add(Status(id, New(id), TaskState.Running, at, HealthyMessage, new HealthCheckProgress(2, 0, 2, 6, 2, 2))));
            Each(t + 11, Current, (id, at) => log.Add(new GatingDecisionMade(Key, at, id, New(id), GatingMode.HealthGated, "S2: advertises HEALTH_GATED_RUNNING", null)));
            Each(t + 11, Current, (id, at) => log.Add(new InstanceActionRecorded(Key, at, id, InstanceAction.InstanceUpdated, "RUNNING and health-gated")));
            Each(t + 36, Prev, (id, at) => log.Add(new InstanceActionRecorded(Key, at, id, InstanceAction.InstanceUpdated, "RUNNING for watch_secs=30")));
            t += 36;
        }

        log.Add(new UpdateStatusChanged(Key, At(t), UpdateStatus.RolledForward, string.Empty, string.Empty));
        return (log, t, batches);
    }

    [Fact]
    public void Build_TenThousandInstances_EveryViewAddsUp()
    {
        var (log, end, batches) = Write();
        var mid = (36 * 6) + 20.0; // batch 7 in its watch_secs

        var clock = Stopwatch.StartNew();
        var atEnd = UpdateInsight.Build(log, At(end));
        var full = clock.Elapsed;
        clock.Restart();
        var atMid = UpdateInsight.Build(log, At(mid));
        var half = clock.Elapsed;

        output.WriteLine(Breakdown(log, At(end)));
        output.WriteLine($"{log.Count} events, {Instances} instances, {batches} batches: every view at the end in {full.TotalMilliseconds:F0} ms (first build, JIT included), mid-rollout in {half.TotalMilliseconds:F0} ms");

        Assert.Equal(Instances, atEnd.Timeline.CountsAt(atEnd.Timeline.EndMs)[(int)InstancePhase.Updated]);
        Assert.Equal(batches, atEnd.Timeline.Batches.Count);
        Assert.InRange(atEnd.Timeline.Lanes.Count, 1, 20);
        Assert.Equal(new GatingShare(8000, 2000, 0), atEnd.Gating.Share);
        Assert.Equal(TimeSpan.FromSeconds(2000 * 30), atEnd.Gating.WatchTime);
        Assert.Equal(EtaKind.Finished, atEnd.Eta.Kind);
        Assert.Equal(10_000, atEnd.Strategies.Instances.Count);
        Assert.Equal(8000, atEnd.Strategies.Disagreements); // S3 without the bit waits on the gated ones

        // Mid-rollout every batch takes 36 s: the estimate is exact.
        var left = end - mid;
        Assert.Equal(EtaKind.Estimate, atMid.Eta.Kind);
        Assert.InRange(left, atMid.Eta.Low!.Value.TotalSeconds - 0.001, atMid.Eta.High!.Value.TotalSeconds + 0.001);
        Assert.Equal("200 in watch_secs (next 16 s)", atMid.Blockers.Headline);
    }

    /// <summary>Each view's build time, once warm.</summary>
    private static string Breakdown(UpdateLog log, DateTimeOffset asOf)
    {
        var fold = new UpdateInsightFold(log);
        var clock = Stopwatch.StartNew();
        double Lap(Action build)
        {
            clock.Restart();
            build();
            return clock.Elapsed.TotalMilliseconds;
        }

        var folding = Lap(() => fold.AdvanceTo(asOf));
        return $"warm, ms: fold {folding:F0}, timeline {Lap(() => fold.Timeline()):F0}, eta {Lap(() => fold.Eta()):F0}, "
            + $"gating {Lap(() => fold.Gating()):F0}, blockers {Lap(() => fold.Blockers()):F0}, strategies {Lap(() => fold.Strategies()):F0}, "
            + $"strategies again (rows reused) {Lap(() => fold.Strategies()):F0}";
    }

    [Fact]
    public void AdvanceTo_StepByStep_EndsWhereAOneShotBuildDoes()
    {
        var (log, end, _) = Write();
        var fold = new UpdateInsightFold(log);
        var clock = Stopwatch.StartNew();
        var steps = 0;
        for (double t = 0; t <= end; t += 5, steps++)
        {
            fold.AdvanceTo(At(t));
            _ = fold.Eta();
            _ = fold.Blockers();
        }

        output.WriteLine($"{steps} steps of 5 s, each folding the new events and building the ETA and blockers: {clock.Elapsed.TotalMilliseconds:F0} ms");
        fold.AdvanceTo(At(end));
        Assert.Equal(log.Count, fold.Applied);
        Assert.Equal(UpdateInsight.Build(log, At(end)).Timeline.SegmentPhases, fold.Timeline().SegmentPhases);
    }
}
