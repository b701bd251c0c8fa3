using System.Text;

namespace Rollout.Server.Security;

/// <summary>
/// The name a command goes upstream under: it lands in the scheduler's update history and logs, so
/// it is short and plain (letters, digits, <c>._@-</c>, at most 64).
/// </summary>
public static class OperatorName
{
    public const int MaxLength = 64;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && name.All(Allowed);

    /// <summary>For names nobody chose (the OS account): other characters become '_', and it is cut to length.</summary>
    public static string Sanitize(string name)
    {
        var builder = new StringBuilder(Math.Min(name.Length, MaxLength));
        foreach (var c in name.Take(MaxLength)) builder.Append(Allowed(c) ? c : '_');
        return builder.Length == 0 ? "operator" : builder.ToString();
    }

    private static bool Allowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-';
}
