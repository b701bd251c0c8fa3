using System.Text;

namespace Rollout.Domain.Capabilities;

/// <summary>
/// Parses "capabilities:A,B" out of a free-text status message. Never throws. Work is bounded: one
/// linear search for the prefix, then at most <see cref="MaxEntries"/> list entries (empty and
/// repeated ones included) of at most <see cref="MaxTokenLength"/> characters are read, and at
/// most <see cref="MaxTokens"/> distinct tokens kept, however large the message is.
/// </summary>
public static class CapabilityParser
{
    public const string Prefix = "capabilities:";
    public const int MaxTokens = 32;
    public const int MaxTokenLength = 64;

    /// <summary>A real list repeats nothing and has no empty entries; this only stops padding such as ",,,," or "A,A,A".</summary>
    public const int MaxEntries = 4 * MaxTokens;

    public static CapabilitySet Parse(string? message)
    {
        if (string.IsNullOrEmpty(message)) return CapabilitySet.None;

        var start = message.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase);
        if (start < 0) return CapabilitySet.None;

        var known = new List<ExecutorCapability>();
        var unknown = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var truncated = false;
        var position = start + Prefix.Length;
        var entries = 0;

        while (true)
        {
            if (entries++ == MaxEntries)
            {
                truncated = true;
                break;
            }

            position = SkipBlanks(message, position);
            var tokenStart = position;
            while (position < message.Length && !EndsToken(message[position]) && position - tokenStart <= MaxTokenLength)
            {
                position++;
            }

            if (position - tokenStart > MaxTokenLength)
            {
                // A token this long is not a capability: stop reading rather than scan the rest.
                truncated = true;
                break;
            }

            if (position > tokenStart)
            {
                if (seen.Count == MaxTokens)
                {
                    truncated = true;
                    break;
                }

                var normalized = Normalize(message.AsSpan(tokenStart, position - tokenStart));
                if (seen.Add(normalized))
                {
                    if (ExecutorCapabilities.FromWireName(normalized) is { } capability) known.Add(capability);
                    else unknown.Add(normalized);
                }
            }

            position = SkipBlanks(message, position);
            if (position < message.Length && message[position] == ',')
            {
                position++;
                continue;
            }

            // Anything else (end, line break, ';', the next word of prose) ends the list.
            break;
        }

        return new CapabilitySet(true, known, unknown, truncated);
    }

    private static bool EndsToken(char c) => c is ',' or ';' or '\r' or '\n' or ' ' or '\t';

    private static int SkipBlanks(string message, int position)
    {
        var limit = Math.Min(message.Length, position + MaxTokenLength);
        while (position < limit && message[position] is ' ' or '\t') position++;
        return position;
    }

    private static string Normalize(ReadOnlySpan<char> token)
    {
        var sb = new StringBuilder(token.Length);
        foreach (var c in token) sb.Append(c == '-' ? '_' : char.ToUpperInvariant(c));
        return sb.ToString();
    }
}
