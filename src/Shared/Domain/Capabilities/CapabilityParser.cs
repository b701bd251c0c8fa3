namespace Rollout.Domain.Capabilities;

/// <summary>
/// Parses "capabilities:A,B" out of a free-text status message. Never throws. Matching is exact, as
/// the contract says (the string form is the enum value name): the prefix is the literal, case-sensitive
/// "capabilities:" (any other spelling is prose, not an advertisement), and a token is a known capability
/// only when it is exactly its name. Anything else ("health_gated_running", "HEALTH-GATED-RUNNING") is an
/// unknown capability: kept as sent, shown, and never gating. Work is bounded: one
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

        var start = message.IndexOf(Prefix, StringComparison.Ordinal);
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

                var token = message.Substring(tokenStart, position - tokenStart);
                if (seen.Add(token))
                {
                    if (ExecutorCapabilities.FromWireName(token) is { } capability) known.Add(capability);
                    else unknown.Add(token);
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
}
