using System.Text;
using CsCheck;
using Rollout.Contracts.Recording;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Domain.Recording;

namespace Rollout.Emulator.Tests.Recording;

public class RecordingFormatTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly UpdateKey Key = new(new JobKey("www-data", "prod", "web"), "web-1");

    /// <summary>A small recording with every kind of event and a prior state.</summary>
    public static UpdateRecording Sample() => new(Key, At.AddMinutes(5),
    [
        new RecordedStatus(new TaskStatusUpdate("t-0-1", Key.Job, 0, TaskState.Running, "Task is healthy.", At.AddDays(-1), StatusSource.Executor, "h1"), Prior: true),
        new RecordedUpdater(new UpdateStarted(Key, At, "alice",
            new UpdateSettings { Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = [1, 5], WatchSecs = 30 },
            new TaskConfigSummary("v1", null), new TaskConfigSummary("v2", new HealthCheckConfig()),
            [new InstanceRange(0, 0)], [new InstanceRange(0, 0)], DetectionStrategy.Capabilities)),
        new RecordedUpdater(new UpdateStatusChanged(Key, At, UpdateStatus.RollingForward, "alice", "")),
        new RecordedUpdater(new InstanceActionRecorded(Key, At.AddSeconds(1), 0, InstanceAction.InstanceUpdating, "")),
        new RecordedStatus(new TaskStatusUpdate("t-0-1", Key.Job, 0, TaskState.Killing, "Killed for job update web-1", At.AddSeconds(1), StatusSource.Scheduler, "h1")),
        new RecordedStatus(new TaskStatusUpdate("t-0-2", Key.Job, 0, TaskState.Starting, "", At.AddSeconds(9), StatusSource.Executor, "h2",
            new HealthCheckProgress(1, 0, 1, 5, 2, 2))),
        new RecordedUpdater(new GatingDecisionMade(Key, At.AddSeconds(9), 0, "t-0-2", GatingMode.HealthGated, "S2: HEALTH_GATED_RUNNING", null)),
        new RecordedStatus(new TaskStatusUpdate("t-0-2", Key.Job, 0, TaskState.Running, "Task is healthy. <b>ok</b> \"quoted\" ünïcödé 🚀", At.AddSeconds(14.5), StatusSource.Executor, "h2")),
        new RecordedUpdater(new InstanceActionRecorded(Key, At.AddSeconds(14.5), 0, InstanceAction.InstanceUpdated, "healthy")),
        new RecordedUpdater(new UpdateStatusChanged(Key, At.AddSeconds(15), UpdateStatus.RolledForward, "", "")),
    ]);

    [Fact]
    public void Write_ThenReadThenWrite_GivesIdenticalBytes()
    {
        var first = RecordingWriter.ToBytes(Sample());

        var second = RecordingWriter.ToBytes(RecordingReader.Read(new MemoryStream(first)));

        Assert.Equal(first, second);
    }

    [Fact]
    public void Read_WrittenRecording_EqualsTheOriginalEventByEvent()
    {
        var original = Sample();

        var read = Read(RecordingWriter.ToText(original));

        Assert.Equal(original, read);
        Assert.Equal(original.Events, read.Events);
        Assert.True(read.Events[0] is RecordedStatus { Prior: true });
    }

    [Fact]
    public void Write_Sample_IsJsonLinesWithAReadableHeader()
    {
        var lines = RecordingWriter.ToText(Sample()).Split('\n');

        Assert.Equal(12, lines.Length); // header, ten events, and the empty text after the final "\n"
        Assert.Equal(string.Empty, lines[^1]);
        Assert.StartsWith("{ \"format\": \"rollout-recording\", \"version\": 1, ", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"events\": 10, \"statusEvents\": 4, \"updaterEvents\": 6, \"priorEvents\": 1, \"truncated\": false, \"droppedEvents\": 0", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("{ \"status\": { \"taskId\": \"t-0-1\"", lines[1], StringComparison.Ordinal);
        Assert.EndsWith("\"prior\": true }", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("{ \"updater\": { \"update\": ", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain('\r', lines[8]);
    }

    [Fact]
    public async Task WriteAsync_Sample_WritesTheSameBytesAsWrite()
    {
        using var stream = new MemoryStream();

        await RecordingWriter.WriteAsync(Sample(), stream).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RecordingWriter.ToBytes(Sample()), stream.ToArray());
    }

    [Fact]
    public void RoundTrip_VariedRecordings_IsExactInBytesAndEvents()
    {
        RecordingGen.Recording.Sample(recording =>
        {
            var bytes = RecordingWriter.ToBytes(recording);
            var read = RecordingReader.Read(new MemoryStream(bytes));
            Assert.Equal(recording, read);
            Assert.Equal(bytes, RecordingWriter.ToBytes(read));
        }, iter: 500, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Read_EmptyFile_SaysTheHeaderIsMissing()
    {
        var error = Assert.Throws<RecordingFormatException>(() => Read(string.Empty));

        Assert.Equal(1, error.Line);
        Assert.Equal("line 1: the file is empty: a recording starts with its header line", error.Message);
    }

    [Fact]
    public void Read_NotJson_SaysLineOneIsNotAHeader()
    {
        var error = Assert.Throws<RecordingFormatException>(() => Read("hello\n"));

        Assert.Equal(1, error.Line);
        Assert.StartsWith("line 1: the header is not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OtherFormat_NamesTheFormatFound()
    {
        var text = RecordingWriter.ToText(Sample()).Replace("\"rollout-recording\"", "\"aurora-dump\"", StringComparison.Ordinal);

        var error = Assert.Throws<RecordingFormatException>(() => Read(text));

        Assert.Equal("line 1: the format is \"aurora-dump\", not \"rollout-recording\"", error.Message);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("1.5")]
    public void Read_OtherVersion_SaysOnlyVersionOneIsRead(string version)
    {
        // A version 2 header may carry fields version 1 does not know: the version is what is refused.
        var text = RecordingWriter.ToText(Sample()).Replace("\"version\": 1,", $"\"version\": {version}, \"compression\": \"none\",", StringComparison.Ordinal);

        var error = Assert.Throws<RecordingFormatException>(() => Read(text));

        Assert.Equal(1, error.Line);
        Assert.Equal($"line 1: format version {version} is not supported: this build reads version 1 only", error.Message);
    }

    [Fact]
    public void Read_BrokenJsonOnAnEventLine_NamesThatLine()
    {
        var lines = Lines(Sample());
        lines[4] = lines[4][..^5];

        var error = Assert.Throws<RecordingFormatException>(() => Read(lines));

        Assert.Equal(5, error.Line);
        Assert.StartsWith("line 5: the event is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownField_NamesTheLineAndTheField()
    {
        var lines = Lines(Sample());
        lines[3] = lines[3].Replace("{ \"updater\": {", "{ \"updatr\": {", StringComparison.Ordinal);

        var error = Assert.Throws<RecordingFormatException>(() => Read(lines));

        Assert.Equal(4, error.Line);
        Assert.Contains("updatr", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EventOfNoStream_SaysWhichFieldsAreNeeded()
    {
        var lines = Lines(Sample());
        lines[2] = "{ \"prior\": false }";

        var error = Assert.Throws<RecordingFormatException>(() => Read(lines));

        Assert.Equal("line 3: the event: the event names no stream: it needs \"status\" or \"updater\"", error.Message);
    }

    [Fact]
    public void Read_PriorUpdaterEvent_IsRefused()
    {
        var lines = Lines(Sample());
        lines[2] = lines[2][..^2] + ", \"prior\": true }";

        var error = Assert.Throws<RecordingFormatException>(() => Read(lines));

        Assert.Equal("line 3: the event: \"prior\" is for status events only", error.Message);
    }

    [Fact]
    public void Read_StatusEventBeyondTheContract_NamesTheLineAndTheField()
    {
        var lines = Lines(Sample());
        lines[5] = lines[5].Replace("\"instanceId\": 0", "\"instanceId\": 100000", StringComparison.Ordinal);

        var error = Assert.Throws<RecordingFormatException>(() => Read(lines));

        Assert.Equal("line 6: the event: instance id 100000 is past the highest instance id 99999", error.Message);
    }

    [Fact]
    public void Read_EventOfAnotherUpdate_NamesBothUpdates()
    {
        var lines = Lines(Sample());
        lines[4] = lines[4].Replace("\"id\": \"web-1\"", "\"id\": \"web-2\"", StringComparison.Ordinal);

        var error = Assert.Throws<RecordingFormatException>(() => Read(lines));

        Assert.Equal("line 5: an updater event of www-data/prod/web#web-2 in a recording of www-data/prod/web#web-1", error.Message);
    }

    [Fact]
    public void Read_FileCutShort_SaysTheCountsDisagree()
    {
        var lines = Lines(Sample());

        var error = Assert.Throws<RecordingFormatException>(() => Read(lines[..^1]));

        Assert.Equal(0, error.Line);
        Assert.Equal("the header (line 1) counts 10 events (4 status, 6 updater, 1 prior) but the file holds 9 (4 status, 5 updater, 1 prior): it was cut short or edited",
            error.Message);
    }

    [Fact]
    public void Read_BlankLineBetweenEvents_NamesIt()
    {
        var lines = Lines(Sample()).ToList();
        lines.Insert(3, string.Empty);

        var error = Assert.Throws<RecordingFormatException>(() => Read([.. lines]));

        Assert.Equal("line 4: a blank line between events", error.Message);
    }

    [Fact]
    public void Read_TrailingBlankLinesAndCrLf_AreAccepted()
    {
        var text = RecordingWriter.ToText(Sample()).Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n\r\n";

        Assert.Equal(Sample(), Read(text));
    }

    [Fact]
    public void Read_BytesThatAreNotUtf8_NameTheLine()
    {
        var bytes = RecordingWriter.ToBytes(Sample());
        var third = Array.IndexOf(bytes, (byte)'\n', Array.IndexOf(bytes, (byte)'\n') + 1) + 1; // the start of line 3
        bytes[third + 5] = 0xFF;

        var error = Assert.Throws<RecordingFormatException>(() => RecordingReader.Read(new MemoryStream(bytes)));

        Assert.StartsWith("line 3: the text is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DroppedWithoutTruncated_IsRefused()
    {
        var text = RecordingWriter.ToText(Sample()).Replace("\"droppedEvents\": 0", "\"droppedEvents\": 3", StringComparison.Ordinal);

        var error = Assert.Throws<RecordingFormatException>(() => Read(text));

        Assert.Equal("line 1: the header says 3 events were dropped but not that the recording is truncated", error.Message);
    }

    [Fact]
    public void ReadFile_MissingFile_SaysItCannotBeRead()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-recording-{Guid.NewGuid():N}.rollout.jsonl");

        var error = Assert.Throws<RecordingFormatException>(() => RecordingReader.ReadFile(path));

        Assert.StartsWith($"cannot read '{path}': ", error.Message, StringComparison.Ordinal);
        Assert.False(RecordingReader.TryReadFile(path, out _, out var text));
        Assert.Equal(error.Message, text);
    }

    [Fact]
    public void Read_MangledRecordings_FailOnlyWithALineNumberedFormatError()
    {
        // Any text at all: either a recording, or a RecordingFormatException that says where. Never anything else.
        var mangled =
            from recording in RecordingGen.Recording
            from cut in Gen.Double[0, 1]
            from flips in Gen.Select(Gen.Double[0, 1], Gen.Char).Array[1, 4]
            select Mangle(RecordingWriter.ToText(recording), cut, flips);
        mangled.Sample(text =>
        {
            try
            {
                Read(text);
            }
            catch (RecordingFormatException ex)
            {
                Assert.InRange(ex.Line, 0, text.Count(c => c == '\n') + 1);
                Assert.False(string.IsNullOrWhiteSpace(ex.Problem));
            }
        }, iter: 1000, seed: "0N0XIzNsQ0O2");
    }

    private static string Mangle(string text, double cut, (double At, char With)[] flips)
    {
        var chars = new StringBuilder(text[..(int)(text.Length * cut)]);
        foreach (var (at, with) in flips)
        {
            if (chars.Length > 0) chars[(int)(at * (chars.Length - 1))] = with;
        }

        return chars.ToString();
    }

    private static string[] Lines(UpdateRecording recording) => RecordingWriter.ToText(recording).TrimEnd('\n').Split('\n');

    private static UpdateRecording Read(string[] lines) => Read(string.Join('\n', lines) + "\n");

    private static UpdateRecording Read(string text) => RecordingReader.Read(new StringReader(text));
}
