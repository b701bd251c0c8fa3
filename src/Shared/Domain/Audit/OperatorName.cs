namespace Rollout.Domain.Audit;

/// <summary>
/// The rule for an operator's name, wherever it comes from (typed in today, an identity with
/// sign-in): short, and only characters that cannot forge or garble a log line or a history row.
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

    private static bool IsAllowed(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '@' or '-';
}
