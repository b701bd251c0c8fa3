namespace Rollout.Server.ReadModel;

/// <summary>A bounded intern pool for short, often repeated strings (hosts, status messages).</summary>
internal sealed class StringPool
{
    private const int MaxEntries = 65_536;
    private const int MaxLength = 256;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);

    public string Intern(string text)
    {
        if (text.Length == 0 || text.Length > MaxLength) return text;
        if (_strings.TryGetValue(text, out var existing)) return existing;
        if (_strings.Count < MaxEntries) _strings.Add(text);
        return text;
    }
}
