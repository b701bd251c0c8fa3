using System.Globalization;
using System.Text;

namespace Rollout.Domain.Audit;

/// <summary>
/// Makes user-supplied text safe to put in a log line or an audit row: one line, no terminal
/// escapes, no reordering. Control characters (C0, DEL, C1), line and paragraph separators and
/// Unicode bidi controls become visible escapes; a backslash is doubled so an escape cannot be faked.
/// </summary>
public static class LogText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var first = IndexOfUnsafe(text);
        if (first < 0) return text; // the common case costs one scan and no allocation

        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\n': sb.Append(@"\n"); break;
                case '\t': sb.Append(@"\t"); break;
                case '\0': sb.Append(@"\0"); break;
                default:
                    if (NeedsEscape(c)) sb.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>True when <see cref="Escape"/> would change <paramref name="c"/>.</summary>
    public static bool NeedsEscape(char c) =>
        c == '\\' || char.IsControl(c) // C0, DEL and C1
        || c is '\u2028' or '\u2029' // line and paragraph separators: line breaks to some viewers
        || IsBidiControl(c);

    /// <summary>Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the bidi marks.</summary>
    public static bool IsBidiControl(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (NeedsEscape(text[i])) return i;
        }

        return -1;
    }
}
