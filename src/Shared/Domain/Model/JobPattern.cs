namespace Rollout.Domain.Model;

/// <summary>
/// A job glob "role/env/name" as Aurora's per-job permissions scope them: three segments, each a
/// literal or a pattern where <c>*</c> matches any run of characters within that segment.
/// </summary>
public static class JobPattern
{
    public const string Everything = "*/*/*";

    /// <summary>Three non-empty segments; null when <paramref name="pattern"/> is well formed, else why not.</summary>
    public static string? Problem(string? pattern)
    {
        var parts = pattern?.Split('/');
        return parts is { Length: 3 } && parts.All(p => p.Length > 0)
            ? null
            : $"'{pattern}' is not a job pattern role/env/name (each segment a name or a glob with *)";
    }

    public static bool Matches(string pattern, JobKey job)
    {
        var parts = pattern.Split('/');
        return parts.Length == 3
            && Segment(parts[0], job.Role)
            && Segment(parts[1], job.Environment)
            && Segment(parts[2], job.Name);
    }

    /// <summary>Glob match of one segment: <c>*</c> is any run of characters, everything else literal (ordinal).</summary>
    private static bool Segment(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (p < pattern.Length && pattern[p] == text[t])
            {
                p++;
                t++;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
