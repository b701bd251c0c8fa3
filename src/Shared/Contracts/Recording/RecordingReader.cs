using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Google.Protobuf;
using Rollout.Contracts.Mapping;
using Rollout.Domain.Recording;
using Wire = Rollout.Contracts.V1;

namespace Rollout.Contracts.Recording;

/// <summary>
/// Reads and validates a recording (see <see cref="RecordingWriter"/>). Whatever is wrong with a file
/// is a <see cref="RecordingFormatException"/> naming the line and the problem: not JSON, another
/// format or version, an unknown field, an event of no stream, of another update, or beyond the
/// contract's limits, counts that disagree with the header. Nothing else escapes.
/// </summary>
public static class RecordingReader
{
    // Unknown fields are errors: a typo or another version's field is named, never dropped silently.
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    /// <exception cref="RecordingFormatException">The file is missing, unreadable or not a valid recording.</exception>
    public static UpdateRecording ReadFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException
                                   && ex is not RecordingFormatException)
        {
            throw new RecordingFormatException(0, $"cannot read '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Reads UTF-8 (a byte order mark is allowed); bytes that are not UTF-8 are an error on their line.</summary>
    public static UpdateRecording Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(Utf8Lines.Read(stream));
    }

    public static UpdateRecording Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Read(LinesOf(reader));
    }

    private static UpdateRecording Read(IEnumerable<string> lines)
    {
        using var next = lines.GetEnumerator();
        var header = Header(next.MoveNext() ? next.Current : null);
        var key = Domain(() => header.Update.ToDomain(), 1, "the header's update");
        var recordedAt = Domain(() => header.RecordedAt.ToDomain(), 1, "the header's recordedAt");

        var events = new List<RecordedEvent>((int)Math.Min(header.Events, 1_000_000));
        int? blank = null;
        var lineNumber = 1;
        while (next.MoveNext())
        {
            var line = next.Current;
            lineNumber++;
            if (line.Length == 0)
            {
                blank ??= lineNumber; // blank lines may only end the file
                continue;
            }

            if (blank is { } at) throw new RecordingFormatException(at, "a blank line between events");
            var message = Parse<Wire.RecordedEvent>(line, lineNumber, "the event");
            var e = Domain(message.ToDomain, lineNumber, "the event");
            Belongs(e, key, lineNumber);
            events.Add(e);
        }

        var recording = new UpdateRecording(key, recordedAt, events, header.Truncated, header.DroppedEvents);
        CheckCounts(header, recording);
        return recording;
    }

    /// <summary>As <see cref="ReadFile"/>, with the problem as text instead of an exception.</summary>
    public static bool TryReadFile(string path, [NotNullWhen(true)] out UpdateRecording? recording, [NotNullWhen(false)] out string? error)
    {
        try
        {
            recording = ReadFile(path);
            error = null;
            return true;
        }
        catch (RecordingFormatException ex)
        {
            recording = null;
            error = ex.Message;
            return false;
        }
    }

    private static IEnumerable<string> LinesOf(TextReader reader)
    {
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static Wire.RecordingHeader Header(string? line)
    {
        if (line is null) throw new RecordingFormatException(1, "the file is empty: a recording starts with its header line");
        CheckFormatAndVersion(line);
        var header = Parse<Wire.RecordingHeader>(line, 1, "the header");
        if (header.Update is null) throw new RecordingFormatException(1, "the header names no update");
        if (header.RecordedAt is null) throw new RecordingFormatException(1, "the header has no recordedAt");
        if (!header.Truncated && header.DroppedEvents > 0)
        {
            throw new RecordingFormatException(1, $"the header says {header.DroppedEvents} events were dropped but not that the recording is truncated");
        }

        return header;
    }

    /// <summary>Format and version first, read as plain JSON: a file of another version is refused for that, not for a field it may not share.</summary>
    private static void CheckFormatAndVersion(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new RecordingFormatException(1, $"the header is not JSON ({ex.Message}): this is not a {RecordingFormat.Name} file", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new RecordingFormatException(1, "the header is not a JSON object");
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String)
            {
                throw new RecordingFormatException(1, $"the header has no \"format\": this is not a {RecordingFormat.Name} file");
            }

            if (format.GetString() != RecordingFormat.Name)
            {
                throw new RecordingFormatException(1, $"the format is \"{format.GetString()}\", not \"{RecordingFormat.Name}\"");
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
            {
                throw new RecordingFormatException(1, "the header has no \"version\" number");
            }

            if (!version.TryGetInt64(out var number) || number != RecordingFormat.Version)
            {
                throw new RecordingFormatException(1,
                    $"format version {version.GetRawText()} is not supported: this build reads version {RecordingFormat.Version} only");
            }
        }
    }

    private static T Parse<T>(string line, int lineNumber, string what)
        where T : IMessage, new()
    {
        try
        {
            return Parser.Parse<T>(line);
        }
        catch (InvalidJsonException ex)
        {
            throw new RecordingFormatException(lineNumber, $"{what} is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RecordingFormatException(lineNumber, $"{what} does not fit the format: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            throw new RecordingFormatException(lineNumber, $"{what} does not fit the format: {ex.Message}", ex);
        }
    }

    private static T Domain<T>(Func<T> map, int lineNumber, string what)
    {
        try
        {
            return map();
        }
        catch (ContractDataException ex)
        {
            throw new RecordingFormatException(lineNumber, $"{what}: {ex.Message}", ex);
        }
    }

    private static void Belongs(RecordedEvent e, Domain.Model.UpdateKey key, int lineNumber)
    {
        switch (e)
        {
            case RecordedStatus s when s.Update.Job != key.Job:
                throw new RecordingFormatException(lineNumber, $"a status event of job {s.Update.Job} in a recording of {key}");
            case RecordedUpdater u when u.Event.Update != key:
                throw new RecordingFormatException(lineNumber, $"an updater event of {u.Event.Update} in a recording of {key}");
        }
    }

    private static void CheckCounts(Wire.RecordingHeader header, UpdateRecording recording)
    {
        var held = (Events: recording.Events.Count, Status: recording.StatusEventCount, Updater: recording.UpdaterEventCount, Prior: recording.PriorEventCount);
        if (header.Events == held.Events && header.StatusEvents == held.Status && header.UpdaterEvents == held.Updater && header.PriorEvents == held.Prior)
            return;
        throw new RecordingFormatException(0,
            $"the header (line 1) counts {header.Events} events ({header.StatusEvents} status, {header.UpdaterEvents} updater, {header.PriorEvents} prior) "
            + $"but the file holds {held.Events} ({held.Status} status, {held.Updater} updater, {held.Prior} prior): it was cut short or edited");
    }
}
