using System.Globalization;

namespace Rollout.Domain.Insight;

/// <summary>Durations and instants in plain words: "47 s", "13–16 min", "1 h 5 min", "12:03:10".</summary>
public static class DurationText
{
    public static string Format(TimeSpan span)
    {
        var seconds = Math.Max(0, span.TotalSeconds);
        if (seconds < 90) return $"{Math.Round(seconds):0} s";
        var minutes = seconds / 60;
        if (minutes < 90) return $"{Math.Round(minutes):0} min";
        var whole = (long)Math.Round(minutes);
        return whole % 60 == 0 ? $"{whole / 60} h" : $"{whole / 60} h {whole % 60} min";
    }

    /// <summary>"13–16 min" when both ends read in one unit, "50 s–2 min" otherwise, "47 s" when they read the same.</summary>
    public static string Range(TimeSpan low, TimeSpan high)
    {
        var a = Format(low);
        var b = Format(high);
        if (a == b) return a;
        var unitA = Unit(a);
        return unitA is not null && unitA == Unit(b) && !a.Contains(" h ", StringComparison.Ordinal)
            ? $"{a[..^(unitA.Length + 1)]}–{b}"
            : $"{a}–{b}";
    }

    public static string Milliseconds(double ms) => Format(TimeSpan.FromMilliseconds(ms));

    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string? Unit(string text) => text.EndsWith(" s", StringComparison.Ordinal) ? "s"
        : text.EndsWith(" min", StringComparison.Ordinal) && !text.Contains(" h ", StringComparison.Ordinal) ? "min"
        : text.EndsWith(" h", StringComparison.Ordinal) ? "h" : null;
}
