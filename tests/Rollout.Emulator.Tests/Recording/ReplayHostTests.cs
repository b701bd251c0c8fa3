using Grpc.Core;
using Microsoft.Extensions.Options;
using Rollout.Contracts.Mapping;
using Rollout.Contracts.Recording;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;
using Rollout.Emulator.Tests.Support;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Emulator.Tests.Recording;

/// <summary>The emulator started with a recording (Emulator:Recording, --recording), over real gRPC on loopback.</summary>
public sealed class ReplayHostTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly UpdateRecording Recorded = Recordings.Rollout(instances: 6);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rollout-replay-tests", Guid.NewGuid().ToString("N"));

    public ReplayHostTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task Subscribe_EmulatorServingARecording_StreamsEachStreamsRecordedEventsInOrder()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout", ("Emulator:Recording", Write(Recorded)));
        using var cancel = new CancellationTokenSource(Timeout);
        using var status = server.Client.SubscribeStatusUpdates(new Wire.SubscribeRequest(), cancellationToken: cancel.Token);
        using var updater = server.Client.SubscribeUpdaterEvents(new Wire.SubscribeRequest { BatchedEvents = true }, cancellationToken: cancel.Token);
        var statusRead = new List<TaskStatusUpdate>();
        var updaterRead = new List<RecordedUpdater>();

        // The snapshots hold what was emitted at once (the prior state); the rest arrives live as the clock moves.
        await ReadUntilSnapshotEnd(status.ResponseStream, statusRead, m => m.SnapshotItem?.ToDomain(), m => m.KindCase == Wire.StatusStreamMessage.KindOneofCase.SnapshotEnd);
        await ReadUntilSnapshotEnd(updater.ResponseStream, updaterRead, m => m.SnapshotItem is null ? null : new RecordedUpdater(m.SnapshotItem.ToDomain()),
            m => m.KindCase == Wire.UpdaterStreamMessage.KindOneofCase.SnapshotEnd);
        Assert.InRange(statusRead.Count, Recorded.PriorEventCount, Recorded.StatusEventCount - 1);
        Assert.NotEqual(Recorded.Events.Count, server.Engine.ReplayProgress!.Value.Emitted);
        server.Time.Advance(RecordingPacing.Offsets(Recorded.Events)[^1] + TimeSpan.FromSeconds(1));

        while (statusRead.Count < Recorded.StatusEventCount)
        {
            Assert.True(await status.ResponseStream.MoveNext().WaitAsync(Timeout), "the status stream ended early");
            statusRead.Add(status.ResponseStream.Current.Event.ToDomain().Item);
        }

        while (updaterRead.Count < Recorded.UpdaterEventCount)
        {
            Assert.True(await updater.ResponseStream.MoveNext().WaitAsync(Timeout), "the updater stream ended early");
            updaterRead.AddRange(updater.ResponseStream.Current.Events.Events.Select(e => new RecordedUpdater(e.ToDomain().Item)));
        }

        Assert.Equal(Recorded.StatusUpdates(), statusRead);
        Assert.Equal(Recorded.UpdaterEvents().Select(e => new RecordedUpdater(e)), updaterRead);
    }

    [Fact]
    public async Task PauseUpdate_OverGrpcOnTheReplayedUpdate_IsAnInvalidRequestSayingItIsARecording()
    {
        await using var server = await EmulatorServer.StartAsync("healthy-rollout", ("Emulator:Recording", Write(Recorded)));

        var result = await server.Client.PauseUpdateAsync(new Wire.ControlRequest { Update = Recorded.Update.ToProto(), User = "bob", Message = "hold" })
            .ResponseAsync.WaitAsync(Timeout);
        var listed = await server.Client.ListUpdatesAsync(new Wire.ListUpdatesRequest()).ResponseAsync.WaitAsync(Timeout);

        Assert.Equal(Wire.ControlOutcome.InvalidRequest, result.Outcome);
        Assert.Contains("replayed from a recording and cannot be paused", result.Reason, StringComparison.Ordinal);
        Assert.Equal(Recorded.Update, Assert.Single(listed.Updates).Update.ToDomain()); // the recording, not the scenario
    }

    [Fact]
    public async Task StartAsync_RecordingFileMissing_FailsNamingTheKeyAndTheFile()
    {
        var missing = Path.Combine(_folder, "missing.rollout.jsonl");

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => EmulatorServer.StartAsync("healthy-rollout", ("Emulator:Recording", missing)));

        Assert.Contains($"Emulator:Recording: the file '{missing}' does not exist", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_RecordingFileBroken_FailsNamingTheKeyTheLineAndTheProblem()
    {
        var path = Write(Recorded);
        var lines = File.ReadAllLines(path);
        lines[2] = "{ \"status\": 7 }";
        File.WriteAllLines(path, lines);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            EmulatorServer.StartAsync("no-such-scenario", ("Emulator:Recording", path)));

        Assert.Contains($"Emulator:Recording: '{path}' is not a readable recording: line 3: the event does not fit the format", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("no-such-scenario", ex.Message, StringComparison.Ordinal); // scenarios are not run with a recording
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Write(UpdateRecording recording)
    {
        var path = Path.Combine(_folder, RecordingFormat.FileName(recording.Update));
        RecordingWriter.WriteFile(recording, path);
        return path;
    }

    private static async Task ReadUntilSnapshotEnd<TMessage, T>(IAsyncStreamReader<TMessage> stream, List<T> into, Func<TMessage, T?> item, Func<TMessage, bool> end)
        where TMessage : class
        where T : class
    {
        do
        {
            Assert.True(await stream.MoveNext().WaitAsync(Timeout), "the stream ended before its snapshot did");
            if (item(stream.Current) is { } read) into.Add(read);
        }
        while (!end(stream.Current));
    }
}
