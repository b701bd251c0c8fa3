using Rollout.Benchmarks.Cases;
using Rollout.Benchmarks.Emulation;
using Rollout.Benchmarks.Harness;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Model;

namespace Rollout.Benchmarks.Tests;

public class EmulatorStreamTests
{
    private const int Instances = 50;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task StreamedRollout_RollsForward_AndTheClientReceivesEveryStatusEvent()
    {
        var run = await StreamedRollout.RunAsync(Instances, captureEvents: true, Timeout, CancellationToken.None);

        Assert.Equal(UpdateStatus.RolledForward, run.Status);
        Assert.True(run.StatusEvents >= Instances * 4L, $"{run.StatusEvents} status events for {Instances} instances");
        Assert.Equal(run.StatusEvents, run.Messages.Count);
        Assert.Equal(Enumerable.Range(1, run.Messages.Count).Select(i => (ulong)i), run.Messages.Select(m => m.Event.Position.Sequence));
        Assert.Equal(Instances, run.Messages.Select(m => m.Event.Update.ToDomain()).Where(e => e.State == TaskState.Running).Select(e => e.InstanceId).Distinct().Count());
        Assert.True(run.Elapsed > TimeSpan.Zero);
        Assert.True(run.VirtualDuration > TimeSpan.Zero);
    }

    [Fact]
    public async Task StreamedRollout_OnScaledRealTime_IsTheSeededRolloutOfFakeTime()
    {
        var streamed = await StreamedRollout.RunAsync(Instances, captureEvents: true, Timeout, CancellationToken.None);
        var fake = ThroughputRollout.Run(Instances, vCurrentFraction: 1, captureEvents: true, CancellationToken.None);

        // Host names differ (the scenario names its pool), and the update starts at another instant.
        var streamedEvents = Relative(streamed.Messages.Select(m => m.Event.Update.ToDomain()).ToList());
        Assert.Equal(Relative(fake.Events), streamedEvents);
        Assert.Equal(fake.VirtualDuration, streamed.VirtualDuration);
    }

    [Fact]
    public async Task TinyCase_ReportsEveryMetric_Positive()
    {
        var settings = TinySettings.Value with { EmulatorInstances = 200 };
        var stream = Assert.Single(AllBenchmarks.Create(settings), b => b.Name == "emulator_stream");

        var report = await new BenchmarkRunner([stream], TimeProvider.System, TextWriter.Null).RunAsync(settings, CancellationToken.None);

        Assert.Empty(report.Errors);
        foreach (var metric in stream.Metrics)
        {
            Assert.True(report.Value(metric.Key) is > 0, $"{metric.Key} is {report.Value(metric.Key)}");
        }
    }

    private static List<(string TaskId, int InstanceId, TaskState State, string Message, TimeSpan At)> Relative(IReadOnlyList<TaskStatusUpdate> events) =>
        events.Select(e => (e.TaskId, e.InstanceId, e.State, e.Message, e.Timestamp - events[0].Timestamp)).ToList();
}
