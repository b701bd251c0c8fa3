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

        // Known capabilities in the order advertised, one 4-bit digit each (capability + 1): a list of
        // known names only, the usual case, allocates nothing but a set shared by every such message.
        var knownOrder = 0;
        var knownCount = 0;
        List<string>? unknown = null;
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
                var token = message.AsSpan(tokenStart, position - tokenStart);
                if (ExecutorCapabilities.FromWireName(token) is { } capability)
                {
                    if (!HasKnown(knownOrder, capability))
                    {
                        if (knownCount + (unknown?.Count ?? 0) == MaxTokens)
                        {
                            truncated = true;
                            break;
                        }

                        knownOrder = (knownOrder << DigitBits) | ((int)capability + 1);
                        knownCount++;
                    }
                }
                else if (!Contains(unknown, token))
                {
                    if (knownCount + (unknown?.Count ?? 0) == MaxTokens)
                    {
                        truncated = true;
                        break;
                    }

                    (unknown ??= []).Add(token.ToString());
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

        return unknown is null && !truncated
            ? KnownOnly(knownOrder)
            : new CapabilitySet(true, Known(knownOrder), unknown ?? [], truncated);
    }

    private const int DigitBits = 4;
    private const int DigitMask = (1 << DigitBits) - 1;

    /// <summary>Shared sets for lists of up to three known capabilities, by their order key.</summary>
    private static readonly CapabilitySet?[] KnownOnlySets = new CapabilitySet?[1 << (3 * DigitBits)];

    private static CapabilitySet KnownOnly(int knownOrder) =>
        knownOrder < KnownOnlySets.Length
            ? KnownOnlySets[knownOrder] ??= new CapabilitySet(true, Known(knownOrder), [], false)
            : new CapabilitySet(true, Known(knownOrder), [], false);

    private static ExecutorCapability[] Known(int knownOrder)
    {
        var count = 0;
        for (var rest = knownOrder; rest != 0; rest >>= DigitBits) count++;
        var known = new ExecutorCapability[count];
        for (var i = count - 1; i >= 0; i--, knownOrder >>= DigitBits) known[i] = (ExecutorCapability)((knownOrder & DigitMask) - 1);
        return known;
    }

    private static bool HasKnown(int knownOrder, ExecutorCapability capability)
    {
        for (; knownOrder != 0; knownOrder >>= DigitBits)
        {
            if ((knownOrder & DigitMask) == (int)capability + 1) return true;
        }

        return false;
    }

    private static bool Contains(List<string>? tokens, ReadOnlySpan<char> token)
    {
        if (tokens is null) return false;
        foreach (var t in tokens)
        {
            if (token.SequenceEqual(t)) return true;
        }

        return false;
    }

    private static bool EndsToken(char c) => c is ',' or ';' or '\r' or '\n' or ' ' or '\t';

    private static int SkipBlanks(string message, int position)
    {
        var limit = Math.Min(message.Length, position + MaxTokenLength);
        while (position < limit && message[position] is ' ' or '\t') position++;
        return position;
    }
}
