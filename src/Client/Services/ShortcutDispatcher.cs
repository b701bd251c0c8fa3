namespace Rollout.Client.Services;

/// <summary>What a keyboard shortcut asks for; the components that can do it listen for it.</summary>
public enum ShortcutCommand
{
    ShowHelp,
    GoToList,
    GoToFleet,
    GoToReplay,
    FocusSearch,
    NextRow,
    PreviousRow,
    OpenRow,
    Close,
    Pause,
    Resume,
    ToggleDark,
    ReplayPlayPause,
    ReplayBack,
    ReplayForward,
}

/// <summary>Where a key was pressed, as far as shortcuts care.</summary>
public enum KeyTarget
{
    /// <summary>The page itself (nothing that takes keys has focus).</summary>
    Page,

    /// <summary>A button, link or other control: its own Enter wins.</summary>
    Control,

    /// <summary>A text field: the operator is typing.</summary>
    Text,

    /// <summary>A dialog is open: it has the keyboard.</summary>
    Dialog,
}

/// <summary>One keydown, as the browser reports it (<c>KeyboardEvent.key</c>).</summary>
public sealed record KeyPress(string Key, KeyTarget Target = KeyTarget.Page, bool Ctrl = false, bool Alt = false, bool Meta = false);

/// <summary>One shortcut as the help lists it: its keys ("g l" is g, then l) and what it does.</summary>
public sealed record Shortcut(string Keys, string Description, ShortcutCommand Command);

/// <summary>
/// Turns keydowns into shortcut commands: single keys and two-key sequences ("g l"), never while
/// typing, in a dialog or with Ctrl, Alt or Meta held (those are the browser's and the system's).
/// Pure apart from the clock, so every rule is unit-tested.
/// </summary>
public sealed class ShortcutDispatcher(TimeProvider time)
{
    /// <summary>How long the second key of a sequence may take.</summary>
    public static readonly TimeSpan SequenceTimeout = TimeSpan.FromSeconds(1.5);

    public static IReadOnlyList<Shortcut> All { get; } =
    [
        new("?", "Show the keyboard shortcuts", ShortcutCommand.ShowHelp),
        new("g l", "Go to the updates list", ShortcutCommand.GoToList),
        new("g f", "Go to the fleet view", ShortcutCommand.GoToFleet),
        new("g r", "Go to the replay page", ShortcutCommand.GoToReplay),
        new("/", "Search: the instance filter, or the job filter on the list", ShortcutCommand.FocusSearch),
        new("j", "Next instance row (the open panel follows)", ShortcutCommand.NextRow),
        new("k", "Previous instance row (the open panel follows)", ShortcutCommand.PreviousRow),
        new("Enter", "Open the instance panel for the current row", ShortcutCommand.OpenRow),
        new("Escape", "Close the instance panel", ShortcutCommand.Close),
        new("p", "Pause the update (asks to confirm)", ShortcutCommand.Pause),
        new("r", "Resume the update (asks to confirm)", ShortcutCommand.Resume),
        new("t", "Toggle dark and light", ShortcutCommand.ToggleDark),
        new(".", "Replay: play or pause", ShortcutCommand.ReplayPlayPause),
        new("[", "Replay: back 10 s", ShortcutCommand.ReplayBack),
        new("]", "Replay: forward 10 s", ShortcutCommand.ReplayForward),
    ];

    /// <summary>
    /// Keys whose browser default the page suppresses when they are shortcuts ("/" opens quick find in
    /// some browsers); Enter and Escape keep theirs.
    /// </summary>
    public static IReadOnlyList<string> ClaimedKeys { get; } =
        [.. All.SelectMany(s => s.Keys.Split(' ')).Where(k => k.Length == 1).Distinct(StringComparer.Ordinal)];

    private string? _pending;
    private DateTimeOffset _pendingAt;

    /// <summary>The first key of a sequence, waiting for its second.</summary>
    public string? Pending => _pending is not null && time.GetUtcNow() - _pendingAt <= SequenceTimeout ? _pending : null;

    /// <summary>The command this key completes, if any.</summary>
    public ShortcutCommand? Handle(KeyPress press)
    {
        ArgumentNullException.ThrowIfNull(press);
        var pending = Pending;
        _pending = null;
        if (press.Ctrl || press.Alt || press.Meta || press.Target is KeyTarget.Text or KeyTarget.Dialog) return null;

        // Enter on a button or link is that control's own.
        if (press.Key == "Enter" && press.Target == KeyTarget.Control) return null;

        if (pending is not null && Find($"{pending} {press.Key}") is { } sequence) return sequence.Command;

        if (All.Any(s => s.Keys.StartsWith(press.Key + " ", StringComparison.Ordinal)))
        {
            _pending = press.Key;
            _pendingAt = time.GetUtcNow();
            return null;
        }

        // A sequence that did not complete is dropped; the key still counts on its own.
        return Find(press.Key)?.Command;
    }

    private static Shortcut? Find(string keys) => All.FirstOrDefault(s => s.Keys == keys);
}
