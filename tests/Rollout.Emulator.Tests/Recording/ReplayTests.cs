using Rollout.Domain.Events;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Domain.Updates;
using Rollout.Emulator.Engine;
using Rollout.Emulator.Tests.Support;
using Rollout.Emulator.Time;

namespace Rollout.Emulator.Tests.Recording;

/// <summary>An engine serving a recording, on virtual time.</summary>
public class ReplayTests
{
    private static readonly UpdateRecording Recorded = Recordings.Rollout();

    [Fact]
    public void Replay_RunPastItsEnd_EmitsEveryEventToItsStreamsLogInOrder()
    {
        using var h = new EngineHarness();

        h.Engine.Replay(Recorded);
        h.Run(Span(Recorded) + TimeSpan.FromSeconds(1));

        Assert.Equal(Recorded.StatusUpdates(), h.StatusUpdates().Select(e => e.Item));
        Assert.Equal(Recorded.UpdaterEvents().Select(e => new RecordedUpdater(e)), h.UpdaterEvents().Select(e => new RecordedUpdater(e.Item)));
        Assert.Equal((Recorded.Events.Count, Recorded.Events.Count), h.Engine.ReplayProgress);
    }

    [Fact]
    public void Replay_Started_EmitsThePriorStateAndFirstEventAtOnceAndTheRestAtTheirOffsets()
    {
        using var h = new EngineHarness();
        var offsets = RecordingPacing.Offsets(Recorded.Events);
        var firstLater = Array.FindIndex(offsets, o => o > TimeSpan.Zero);

        h.Engine.Replay(Recorded);
        h.Run(TimeSpan.Zero);

        Assert.Equal(firstLater, Emitted(h));
        h.Run(offsets[firstLater] - TimeSpan.FromTicks(1));
        Assert.Equal(firstLater, Emitted(h));
        h.Run(TimeSpan.FromTicks(1));
        Assert.Equal(offsets.Count(o => o <= offsets[firstLater]), Emitted(h));
    }

    [Fact]
    public void Replay_OnAClockTenTimesFaster_TakesATenthOfTheRecordedTime()
    {
        // --speed is the engine's clock: the emulator host wraps its time provider in a ScaledTimeProvider.
        var real = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(EngineHarness.Start);
        using var engine = new SchedulerEngine(new ScaledTimeProvider(real, 10), new EngineOptions());
        var span = Span(Recorded);

        engine.Replay(Recorded);
        real.Advance(span / 10 - TimeSpan.FromMilliseconds(100));
        Assert.NotEqual(Recorded.Events.Count, engine.ReplayProgress!.Value.Emitted);
        real.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal(Recorded.Events.Count, engine.ReplayProgress!.Value.Emitted);
    }

    [Theory]
    [InlineData(ControlCommand.Pause, "paused")]
    [InlineData(ControlCommand.Resume, "resumed")]
    [InlineData(ControlCommand.Abort, "aborted")]
    public void Control_ReplayedUpdate_IsAnInvalidRequestSayingItIsARecording(ControlCommand command, string verb)
    {
        using var h = new EngineHarness();
        h.Engine.Replay(Recorded);
        h.Run(TimeSpan.FromSeconds(5));

        var result = h.Engine.Control(command, Recorded.Update, "bob", "why");

        Assert.Equal(ControlOutcome.InvalidRequest, result.Outcome);
        Assert.Equal($"update {Recorded.Update} is replayed from a recording and cannot be {verb}: a recording plays as it was recorded", result.Reason);
        Assert.Equal(UpdateStatus.RollingForward, result.Status);
        Assert.Equal(PulseOutcome.InvalidRequest, h.Engine.Pulse(Recorded.Update).Outcome);
        Assert.DoesNotContain(h.UpdaterEvents().Select(e => e.Item), e => e is UpdateStatusChanged { User: "bob" });
    }

    [Fact]
    public void Snapshots_MidReplay_HoldWhatWasEmittedInTheOrderItWas()
    {
        using var h = new EngineHarness();
        h.Engine.Replay(Recorded);
        h.Run(Span(Recorded) / 2);

        var status = h.Engine.StatusSnapshot();
        var updater = h.Engine.UpdaterSnapshot();

        var emitted = h.StatusUpdates().Select(e => e.Item).ToList();
        Assert.Equal(h.Engine.StatusLog.Head, status.Position.Sequence);
        Assert.Equal(emitted.Where(e => status.Items.Contains(e)), status.Items); // a subset (two tasks per instance), in emission order
        Assert.All(emitted.GroupBy(e => e.InstanceId), g => Assert.Contains(g.Last(), status.Items));
        Assert.Equal(h.UpdaterEvents().Select(e => new RecordedUpdater(e.Item)), updater.Items.Select(e => new RecordedUpdater(e)));
    }

    [Fact]
    public void Queries_AfterReplay_ReportTheUpdateAsRecorded()
    {
        using var h = new EngineHarness();
        h.Engine.Replay(Recorded);
        h.Run(Span(Recorded) + TimeSpan.FromSeconds(1));

        var summary = Assert.Single(h.Engine.ListUpdates());
        var details = h.Engine.GetUpdateDetails(Recorded.Update);

        Assert.Equal(Recorded.Update, summary.Key);
        Assert.Equal(UpdateStatus.RolledForward, summary.Status);
        Assert.Equal(4, summary.InstanceCount);
        Assert.Equal(4, summary.UpdatedCount);
        Assert.Equal(0, summary.FailedCount);
        Assert.Equal(UpdateStatus.RolledForward, h.Engine.StatusOf(Recorded.Update));
        Assert.NotNull(details);
        Assert.Equal(Recorded.UpdaterEvents().OfType<InstanceActionRecorded>(), details.InstanceEvents);
        Assert.Empty(h.Engine.ListUpdates(activeOnly: true));
    }

    [Fact]
    public void Replay_Twice_IsRefused()
    {
        using var h = new EngineHarness();
        h.Engine.Replay(Recorded);

        var error = Assert.Throws<InvalidOperationException>(() => h.Engine.Replay(Recorded));

        Assert.Contains(Recorded.Update.ToString(), error.Message, StringComparison.Ordinal);
    }

    private static TimeSpan Span(UpdateRecording recording) => RecordingPacing.Offsets(recording.Events)[^1];

    private static int Emitted(EngineHarness h) => h.Engine.ReplayProgress!.Value.Emitted;
}
