using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;

namespace Rollout.Domain.Tests.Recording;

public class RecordingTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly UpdateKey Key = new(new JobKey("www-data", "prod", "web"), "web-1");

    private static UpdateStarted Started(int[] groupSizes, int last) => new(Key, At, "alice",
        new UpdateSettings { Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = groupSizes },
        null, new TaskConfigSummary("v2", new HealthCheckConfig()), [], [new InstanceRange(0, last)], DetectionStrategy.Capabilities);

    private static RecordedStatus Task(double second, bool prior = false) =>
        new(new TaskStatusUpdate("t", Key.Job, 0, TaskState.Running, "", At.AddSeconds(second), StatusSource.Executor, "h"), prior);

    private static RecordedUpdater Change(double second) => new(new UpdateStatusChanged(Key, At.AddSeconds(second), UpdateStatus.RollingForward, "", ""));

    [Fact]
    public void Equals_StartsWithEqualButDistinctLists_AreEqual()
    {
        Assert.Equal(new RecordedUpdater(Started([1, 5], 9)), new RecordedUpdater(Started([1, 5], 9)));
        Assert.Equal(new RecordedUpdater(Started([1, 5], 9)).GetHashCode(), new RecordedUpdater(Started([1, 5], 9)).GetHashCode());
        Assert.True(EventEquality.Same(Started([1, 5], 9), Started([1, 5], 9)));
    }

    [Fact]
    public void Equals_StartsDifferingInAList_AreNotEqual()
    {
        Assert.NotEqual(new RecordedUpdater(Started([1, 5], 9)), new RecordedUpdater(Started([1, 6], 9)));
        Assert.NotEqual(new RecordedUpdater(Started([1, 5], 9)), new RecordedUpdater(Started([1, 5], 8)));
        Assert.NotEqual<RecordedEvent>(Task(1), Task(1, prior: true));
    }

    [Fact]
    public void Equals_RecordingsWithEqualEvents_AreEqualAndCountTheirStreams()
    {
        UpdateRecording Make() => new(Key, At, [Task(-5, prior: true), new RecordedUpdater(Started([2], 3)), Change(0), Task(1)]);

        var recording = Make();

        Assert.Equal(Make(), recording);
        Assert.NotEqual(Make() with { Truncated = true, DroppedEvents = 1 }, recording);
        Assert.Equal((2, 2, 1), (recording.StatusEventCount, recording.UpdaterEventCount, recording.PriorEventCount));
        Assert.Equal(2, recording.StatusUpdates().Count());
        Assert.IsType<UpdateStarted>(recording.UpdaterEvents().First());
    }

    [Fact]
    public void Offsets_Events_AreDueAtTheirTimestampsFromTheFirst()
    {
        var offsets = RecordingPacing.Offsets([Change(10), Task(10.5), Change(12), Task(40)]);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30)], offsets);
    }

    [Fact]
    public void Offsets_PriorState_IsDueAtOnceHoweverOld()
    {
        var offsets = RecordingPacing.Offsets([Task(-86_400, prior: true), Task(-30, prior: true), Change(0), Task(3)]);

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(3)], offsets);
    }

    [Fact]
    public void Offsets_EventStampedBeforeOneThatArrivedEarlier_IsDueWithIt()
    {
        // The two streams are independent: arrival order is kept, so time never runs back.
        var offsets = RecordingPacing.Offsets([Change(0), Task(5), Change(4), Task(6)]);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6)], offsets);
    }

    [Fact]
    public void Offsets_NoEvents_AreNone() => Assert.Empty(RecordingPacing.Offsets([]));

    [Fact]
    public void FileName_UpdateKey_IsSafeAndNamesTheUpdate()
    {
        Assert.Equal("www-data-prod-web-web-1.rollout.jsonl", RecordingFormat.FileName(Key));
        Assert.Equal("a-b-c-x_y__z.rollout.jsonl", RecordingFormat.FileName(new UpdateKey(new JobKey("a", "b", "c"), "x/y\"\nz")));
    }
}
