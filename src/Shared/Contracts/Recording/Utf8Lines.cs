using System.Buffers;
using System.Text;

namespace Rollout.Contracts.Recording;

/// <summary>
/// The lines of UTF-8 bytes, decoded one line at a time: bytes that are not UTF-8 are reported on
/// their own line (a decoder reading ahead in blocks would blame the line it was on). A leading byte
/// order mark is skipped; "\r\n" ends a line as "\n" does.
/// </summary>
internal static class Utf8Lines
{
    private const int BlockBytes = 64 * 1024;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<string> Read(Stream stream)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            int start = 0, end = 0, lineNumber = 0;
            var first = true;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    yield return Decode(buffer.AsSpan(start, newline - start), ++lineNumber, ref first);
                    start = newline + 1;
                    continue;
                }

                // No whole line left: keep the partial one at the front, make room, read more.
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, end);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0) break;
                end += read;
            }

            if (end > start) yield return Decode(buffer.AsSpan(start, end - start), ++lineNumber, ref first);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Decode(ReadOnlySpan<byte> line, int lineNumber, ref bool first)
    {
        if (first && line.StartsWith(Strict.Preamble)) line = line[Strict.Preamble.Length..];
        first = false;
        if (line.EndsWith("\r"u8)) line = line[..^1];
        try
        {
            return Strict.GetString(line);
        }
        catch (DecoderFallbackException ex)
        {
            throw new RecordingFormatException(lineNumber, $"the text is not valid UTF-8 ({ex.Message})", ex);
        }
    }
}
