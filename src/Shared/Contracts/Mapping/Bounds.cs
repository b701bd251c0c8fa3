using Rollout.Domain.Model;

namespace Rollout.Contracts.Mapping;

/// <summary>Keeps what arrives within <see cref="UpstreamLimits"/>; every refusal names the field.</summary>
internal static class Bounds
{
    /// <summary>An identifier past its cap is refused: cutting it would make it name something else.</summary>
    public static string Identifier(string value, string field) => Chars(value, field, UpstreamLimits.MaxIdentifierChars);

    /// <summary>Text that must arrive whole or not at all.</summary>
    public static string Chars(string value, string field, int max) =>
        value.Length <= max
            ? value
            : throw new ContractDataException($"{field} is {value.Length} characters long; at most {max} are allowed");

    /// <summary>Free text is cut at the cap, never refused, and never in the middle of a surrogate pair.</summary>
    public static string Text(string value)
    {
        if (value.Length <= UpstreamLimits.MaxMessageChars) return value;
        var length = UpstreamLimits.MaxMessageChars;
        if (char.IsHighSurrogate(value[length - 1])) length--;
        return value[..length];
    }

    /// <summary>Checked before any entry is read, so an oversized list costs nothing to refuse.</summary>
    public static void Count(int count, int max, string field)
    {
        if (count > max) throw new ContractDataException($"{field} has {count} entries; at most {max} are allowed");
    }

    public static int InstanceId(uint value, string field) =>
        value <= UpstreamLimits.MaxInstanceId
            ? (int)value
            : throw new ContractDataException($"{field} {value} is past the highest instance id {UpstreamLimits.MaxInstanceId}");
}
