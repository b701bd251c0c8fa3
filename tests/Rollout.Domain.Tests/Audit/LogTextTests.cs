using Rollout.Domain.Audit;

namespace Rollout.Domain.Tests.Audit;

public class LogTextTests
{
    [Theory]
    [InlineData("hold for the canary")]
    [InlineData("José: 50% — ok")]
    [InlineData("")]
    public void Escape_PlainText_Unchanged(string text) => Assert.Same(text, LogText.Escape(text));

    [Theory]
    [InlineData("a\rb", @"a\rb")]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\r\nb", @"a\r\nb")]
    [InlineData("a\0b", @"a\0b")]
    [InlineData("a\tb", @"a\tb")]
    [InlineData("a\u001b[31mb", @"a\u001B[31mb")]
    [InlineData("a\u007fb", @"a\u007Fb")]
    [InlineData("a\u0085b", @"a\u0085b")]
    [InlineData("a\u009bb", @"a\u009Bb")]
    [InlineData("a\u2028b\u2029", @"a\u2028b\u2029")]
    [InlineData("a\u202Eb", @"a\u202Eb")]
    [InlineData("\u202A\u202B\u202C\u202D", @"\u202A\u202B\u202C\u202D")]
    [InlineData("\u2066\u2067\u2068\u2069", @"\u2066\u2067\u2068\u2069")]
    [InlineData("\u200E\u200F\u061C", @"\u200E\u200F\u061C")]
    [InlineData(@"a\nb", @"a\\nb")]
    public void Escape_UnsafeCharacter_BecomesVisibleEscape(string text, string expected) => Assert.Equal(expected, LogText.Escape(text));

    [Fact]
    public void Escape_ForgedLine_StaysOneLine()
    {
        var escaped = LogText.Escape("ok)\r\ninfo: Audit: Abort x by root (verified)\u001b[0m");

        Assert.Equal(@"ok)\r\ninfo: Audit: Abort x by root (verified)\u001B[0m", escaped);
        Assert.DoesNotContain(escaped, c => LogText.NeedsEscape(c) && c != '\\');
    }

    [Fact]
    public void Escape_EveryControlCharacter_NoneLeft()
    {
        var all = new string([.. Enumerable.Range(0, 0xA0).Select(i => (char)i)]) + "\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069";

        var escaped = LogText.Escape(all);

        Assert.DoesNotContain(escaped, c => char.IsControl(c) || LogText.IsBidiControl(c) || c is '\u2028' or '\u2029');
    }

    [Fact]
    public void Escape_Null_IsEmpty() => Assert.Equal(string.Empty, LogText.Escape(null));
}
