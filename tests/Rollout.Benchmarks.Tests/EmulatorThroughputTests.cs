using Rollout.Benchmarks.Cases;
using Rollout.Benchmarks.Emulation;
using Rollout.Benchmarks.Harness;
using Rollout.Domain.Model;

namespace Rollout.Benchmarks.Tests;

public class EmulatorThroughputTests
{
    [Fact]
    public void QuickRollout_RollsForward_AndCountsItsEvents()
    {
        var instances = BenchmarkSettings.QuickRun.EmulatorInstances;

        var run = ThroughputRollout.Run(instances, vCurrentFraction: 1, captureEvents: true, CancellationToken.None);

        Assert.Equal(UpdateStatus.RolledForward, run.Status);
        Assert.Equal(run.StatusEvents, run.Events.Count);
        Assert.True(run.StatusEvents >= instances * 4L, $"{run.StatusEvents} status events for {instances} instances");
        Assert.True(run.UpdaterEvents > 0);
        Assert.Equal(instances, run.Events.Where(e => e.State == TaskState.Running).Select(e => e.InstanceId).Distinct().Count());
    }

    [Fact]
    public void AppendFloor_AppendsEveryEvent()
    {
        var run = ThroughputRollout.Run(50, vCurrentFraction: 0.5, captureEvents: true, CancellationToken.None);

        Assert.Equal(UpdateStatus.RolledForward, run.Status);
        Assert.True(AppendFloor.Replay(run.Events, run.RetainedEvents) > TimeSpan.Zero);
    }

    [Fact]
    public async Task QuickCase_ReportsEveryMetric_Positive()
    {
        // A failed or stuck rollout throws inside the case: the runner then records an error and nulls.
        var settings = BenchmarkSettings.QuickRun;
        var emulator = Assert.Single(AllBenchmarks.Create(settings), b => b.Name == "emulator");

        var report = await new BenchmarkRunner([emulator], TimeProvider.System, TextWriter.Null).RunAsync(settings, CancellationToken.None);

        Assert.Empty(report.Errors);
        foreach (var metric in emulator.Metrics)
        {
            Assert.True(report.Value(metric.Key) is > 0, $"{metric.Key} is {report.Value(metric.Key)}");
        }

        Assert.Equal(settings.EmulatorInstances, report.Value("emulator_instances"));
    }
}
