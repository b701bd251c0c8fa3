using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;

namespace Rollout.Client.Tests.Components;

public class MessageTextTests : ClientTest
{
    [Fact]
    public void Render_Markup_IsShownAsText()
    {
        var cut = Render<MessageText>(p => p.Add(m => m.Text, "<script>alert('x')</script><b>bold</b>"));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("b"));
        Assert.Equal("<script>alert('x')</script><b>bold</b>", cut.Find("[data-testid=raw-message]").TextContent);
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongMessage_TruncatesUntilExpanded()
    {
        var text = new string('a', 500) + "END";
        var cut = Render<MessageText>(p => p.Add(m => m.Text, text).Add(m => m.FullLength, 100_000));

        Assert.DoesNotContain("END", cut.Find("[data-testid=raw-message]").TextContent, StringComparison.Ordinal);
        var button = cut.Find("button");
        Assert.Contains("100,000 chars", button.TextContent, StringComparison.Ordinal);

        button.Click();

        cut.WaitForAssertion(() => Assert.EndsWith("END", cut.Find("[data-testid=raw-message]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("Show less", cut.Find("button").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Empty_SaysSo()
    {
        var cut = Render<MessageText>(p => p.Add(m => m.Text, ""));

        Assert.Contains("(no message)", cut.Markup, StringComparison.Ordinal);
    }
}
