using System.Globalization;
using System.Text;
using Google.Protobuf;
using Rollout.Domain.Recording;

namespace Rollout.Contracts.Recording;

/// <summary>
/// Writes a recording as JSON Lines (see Protos/recording.proto): the header, then one event per line,
/// each the protobuf JSON of its message with every field written, each line ending in "\n", UTF-8
/// without a byte order mark. The output depends only on the recording's value, so a recording read
/// back writes the same bytes.
/// </summary>
public static class RecordingWriter
{
    /// <summary>Text buffered before an asynchronous write.</summary>
    private const int ChunkChars = 64 * 1024;

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Write(UpdateRecording recording, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(writer);
        Formatter.Format(RecordingMapping.Header(recording), writer);
        writer.Write('\n');
        foreach (var e in recording.Events)
        {
            Formatter.Format(e.ToProto(), writer);
            writer.Write('\n');
        }
    }

    /// <summary>Writes to <paramref name="stream"/> in chunks, only ever asynchronously (a response body allows nothing else).</summary>
    public static async Task WriteAsync(UpdateRecording recording, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(stream);
        var text = new StringBuilder(ChunkChars + 4096);
        using var lines = new StringWriter(text, CultureInfo.InvariantCulture);
        Formatter.Format(RecordingMapping.Header(recording), lines);
        lines.Write('\n');
        foreach (var e in recording.Events)
        {
            Formatter.Format(e.ToProto(), lines);
            lines.Write('\n');
            if (text.Length >= ChunkChars)
            {
                await WriteChunkAsync(text, stream, cancellationToken).ConfigureAwait(false);
                text.Clear();
            }
        }

        await WriteChunkAsync(text, stream, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public static byte[] ToBytes(UpdateRecording recording) => Utf8.GetBytes(ToText(recording));

    public static string ToText(UpdateRecording recording)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(recording, writer);
        return writer.ToString();
    }

    public static void WriteFile(UpdateRecording recording, string path) => File.WriteAllBytes(path, ToBytes(recording));

    /// <summary>Encoded whole, so a surrogate pair never straddles two encodings.</summary>
    private static async Task WriteChunkAsync(StringBuilder text, Stream stream, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Utf8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
}
