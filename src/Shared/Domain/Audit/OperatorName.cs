namespace Rollout.Domain.Audit;

/// <summary>
/// The rule for an operator's name, wherever it comes from (typed in today, an identity with
/// sign-in): short, and only ASCII characters that cannot forge or garble a log line or a history row.
/// </summary>
public static class OperatorName
{
    public const int MaxLength = 64;

    /// <summary>Null when <paramref name="name"/> is acceptable; otherwise why not (never echoing the name).</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "a user name is required";
        if (name.Length > MaxLength) return $"the user name is longer than {MaxLength} characters";
        foreach (var c in name)
        {
            if (!IsAllowed(c)) return "the user name may hold only letters, digits and . _ @ -";
        }

        return null;
    }

    public static bool IsValid(string? name) => Validate(name) is null;

    /// <summary>For names nobody chose (the OS account): other characters become '_', and it is cut to length.</summary>
    public static string Sanitize(string name)
    {
        var builder = new System.Text.StringBuilder(Math.Min(name.Length, MaxLength));
        foreach (var c in name.Take(MaxLength)) builder.Append(IsAllowed(c) ? c : '_');
        return builder.Length == 0 ? "operator" : builder.ToString();
    }

    // ASCII only: a look-alike letter from another script could pass for someone else in the history.
    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-';
}
