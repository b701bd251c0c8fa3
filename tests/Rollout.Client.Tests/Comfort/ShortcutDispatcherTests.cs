using Microsoft.Extensions.Time.Testing;
using Rollout.Client.Services;

namespace Rollout.Client.Tests.Comfort;

public class ShortcutDispatcherTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    private ShortcutDispatcher Dispatcher() => new(_time);

    [Theory]
    [InlineData("?", ShortcutCommand.ShowHelp)]
    [InlineData("/", ShortcutCommand.FocusSearch)]
    [InlineData("j", ShortcutCommand.NextRow)]
    [InlineData("k", ShortcutCommand.PreviousRow)]
    [InlineData("Enter", ShortcutCommand.OpenRow)]
    [InlineData("Escape", ShortcutCommand.Close)]
    [InlineData("p", ShortcutCommand.Pause)]
    [InlineData("r", ShortcutCommand.Resume)]
    [InlineData("t", ShortcutCommand.ToggleDark)]
    public void Handle_SingleKeyOnThePage_ReturnsItsCommand(string key, ShortcutCommand expected) =>
        Assert.Equal(expected, Dispatcher().Handle(new KeyPress(key)));

    [Theory]
    [InlineData("x")]
    [InlineData("P")]
    [InlineData("ArrowDown")]
    [InlineData("l")]
    public void Handle_KeyThatIsNoShortcut_ReturnsNothing(string key) => Assert.Null(Dispatcher().Handle(new KeyPress(key)));

    [Fact]
    public void Handle_GThenL_GoesToTheList()
    {
        var dispatcher = Dispatcher();

        Assert.Null(dispatcher.Handle(new KeyPress("g")));
        Assert.Equal("g", dispatcher.Pending);
        Assert.Equal(ShortcutCommand.GoToList, dispatcher.Handle(new KeyPress("l")));
        Assert.Null(dispatcher.Pending);
    }

    [Fact]
    public void Handle_GThenLTooLate_DoesNothing()
    {
        var dispatcher = Dispatcher();
        dispatcher.Handle(new KeyPress("g"));

        _time.Advance(ShortcutDispatcher.SequenceTimeout + TimeSpan.FromMilliseconds(1));

        Assert.Null(dispatcher.Pending);
        Assert.Null(dispatcher.Handle(new KeyPress("l")));
    }

    [Fact]
    public void Handle_GThenAnotherShortcut_DropsTheSequenceAndTakesTheKey()
    {
        var dispatcher = Dispatcher();
        dispatcher.Handle(new KeyPress("g"));

        Assert.Equal(ShortcutCommand.NextRow, dispatcher.Handle(new KeyPress("j")));
        Assert.Null(dispatcher.Handle(new KeyPress("l")));
    }

    [Theory]
    [InlineData("j")]
    [InlineData("?")]
    [InlineData("/")]
    [InlineData("t")]
    [InlineData("Escape")]
    [InlineData("Enter")]
    public void Handle_WhileTyping_IgnoresTheKey(string key) => Assert.Null(Dispatcher().Handle(new KeyPress(key, KeyTarget.Text)));

    [Fact]
    public void Handle_TypingBetweenGAndL_CancelsTheSequence()
    {
        var dispatcher = Dispatcher();
        dispatcher.Handle(new KeyPress("g"));

        Assert.Null(dispatcher.Handle(new KeyPress("l", KeyTarget.Text)));
        Assert.Null(dispatcher.Handle(new KeyPress("l")));
    }

    [Theory]
    [InlineData("p")]
    [InlineData("Escape")]
    [InlineData("?")]
    public void Handle_DialogOpen_LeavesKeysToTheDialog(string key) => Assert.Null(Dispatcher().Handle(new KeyPress(key, KeyTarget.Dialog)));

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void Handle_WithCtrlAltOrMeta_IsTheBrowsers(bool ctrl, bool alt, bool meta) =>
        Assert.Null(Dispatcher().Handle(new KeyPress("t", KeyTarget.Page, ctrl, alt, meta)));

    [Fact]
    public void Handle_EnterOnAButton_IsTheButtons_OtherKeysStillWork()
    {
        var dispatcher = Dispatcher();

        Assert.Null(dispatcher.Handle(new KeyPress("Enter", KeyTarget.Control)));
        Assert.Equal(ShortcutCommand.Close, dispatcher.Handle(new KeyPress("Escape", KeyTarget.Control)));
        Assert.Equal(ShortcutCommand.NextRow, dispatcher.Handle(new KeyPress("j", KeyTarget.Control)));
    }

    [Fact]
    public void ClaimedKeys_AreTheSingleCharacterKeys_NotEnterOrEscape()
    {
        Assert.Equal(["?", "g", "l", "f", "r", "/", "j", "k", "p", "t", ".", "[", "]"], ShortcutDispatcher.ClaimedKeys);
    }

    [Fact]
    public void All_EveryCommandHasOneShortcut() =>
        Assert.Equal(Enum.GetValues<ShortcutCommand>().Order(), ShortcutDispatcher.All.Select(s => s.Command).Order());
}
