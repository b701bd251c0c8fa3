using Microsoft.Extensions.Time.Testing;
using Rollout.Contracts.Recording;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Server.ReadModel;
using Rollout.Server.Replay;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.Insight;

/// <summary>Recordings held for replay: parsing, clamping to the recording's span, eviction past the cap.</summary>
public class ReplayStoreTests
{
    private static UpdateRecording Recording()
    {
        var model = new DashboardModel(new FakeTimeProvider(T0.AddMinutes(10)), TimeSpan.FromSeconds(15));
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, -90, VCurrentRunning));
        model.ApplyStatus(TaskUpdate(1, "t1", TaskState.Running, -90, VCurrentRunning));
        model.ApplyUpdater(Started(instances: 2));
        model.ApplyUpdater(Status(UpdateStatus.RollingForward));
        model.ApplyUpdater(Action(0, InstanceAction.InstanceUpdating, 1));
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Killing, 2));
        model.ApplyUpdater(Status(UpdateStatus.RollForwardPaused, 20, "carol", "hold"));
        model.Publish();
        return model.Recording(Key)!;
    }

    [Fact]
    public void Add_AFile_HoldsItWithTheRecordingsSpanAndCounts()
    {
        var store = new ReplayStore();
        var recording = Recording();

        var info = store.Add(new MemoryStream(RecordingWriter.ToBytes(recording)), "../../etc/web.jsonl");

        Assert.True(ReplayStore.IsId(info.Id));
        Assert.Equal(DashboardKeys.Of(Key), info.UpdateKey);
        Assert.Equal("web.jsonl", info.FileName);
        Assert.Equal(recording.Events.Count, info.Events);
        Assert.Equal(T0, info.Start); // the update's start, not the prior state's (90 s before)
        Assert.Equal(T0.AddSeconds(20), info.End);
        Assert.False(info.Truncated);
        Assert.Equal(info, store.Info(info.Id));
    }

    [Fact]
    public void View_OutsideTheRecording_IsClampedToItsStartOrEnd()
    {
        var store = new ReplayStore();
        var info = store.Add(Recording(), "web.jsonl");

        var before = store.View(info.Id, info.Start.AddHours(-1));
        var mid = store.View(info.Id, T0.AddSeconds(5));
        var after = store.View(info.Id, info.End.AddHours(1));
        var back = store.View(info.Id, T0.AddSeconds(5)); // scrubbing back refolds

        Assert.Equal(info.Start, before!.AsOf);
        Assert.Equal(info.End, after!.AsOf);
        Assert.Equal(UpdateStatus.RollingForward, mid!.Status);
        Assert.Equal(UpdateStatus.RollForwardPaused, after.Status);
        Assert.Equal((mid.AsOf, mid.Status, mid.Timeline.EndMs, mid.Blockers.Headline), (back!.AsOf, back.Status, back.Timeline.EndMs, back.Blockers.Headline));
        Assert.True(mid.Timeline.EndMs < after.Timeline.EndMs);
        Assert.NotNull(store.Detail(info.Id, info.End, 0));
        Assert.Null(store.Detail(info.Id, info.End, 5));
    }

    [Fact]
    public void Add_NotARecording_ThrowsNamingTheLine()
    {
        var store = new ReplayStore();
        var header = RecordingWriter.ToText(Recording()).Split('\n')[0];

        var error = Assert.Throws<RecordingFormatException>(() => store.Add(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(header + "\n{\"nonsense\": 1}\n")), "x.jsonl"));

        Assert.StartsWith("line 2:", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Held);
    }

    [Fact]
    public void Add_PastTheCap_DropsTheLeastRecentlyUsed()
    {
        var store = new ReplayStore(maxHeld: 2, maxUploadBytes: 1024);
        var recording = Recording();
        var first = store.Add(recording, "1");
        var second = store.Add(recording, "2");

        store.View(first.Id, first.End); // the first is used since: the second is the least recently used
        var third = store.Add(recording, "3");

        Assert.Equal(2, store.Held);
        Assert.NotNull(store.Info(first.Id));
        Assert.Null(store.Info(second.Id));
        Assert.Null(store.View(second.Id, second.End));
        Assert.NotNull(store.Info(third.Id));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("0123456789abcde")]
    [InlineData("0123456789abcdefa")]
    public void IsId_NotSixteenLowerHexDigits_IsFalse(string? id) => Assert.False(ReplayStore.IsId(id));
}
