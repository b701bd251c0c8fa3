using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace Rollout.Client.Services;

/// <summary>
/// The page's keyboard shortcuts: wwwroot/js/shortcuts.js forwards keydowns here, the
/// <see cref="ShortcutDispatcher"/> decides, and whichever component can act on the command listens
/// to <see cref="Pressed"/> (the table moves its row, the layout toggles dark, and so on).
/// </summary>
public sealed partial class KeyboardShortcuts(IJSRuntime js, TimeProvider time, ILogger<KeyboardShortcuts> logger) : IAsyncDisposable
{
    internal const string ModulePath = "./js/shortcuts.js";

    private readonly ShortcutDispatcher _dispatcher = new(time);
    private IJSObjectReference? _module;
    private DotNetObjectReference<KeyboardShortcuts>? _self;
    private bool _started;

    /// <summary>A shortcut was completed. Raised on the browser's thread; listeners render through InvokeAsync.</summary>
    public event Action<ShortcutCommand>? Pressed;

    /// <summary>Starts listening to the page's keys (once; later calls do nothing).</summary>
    public async Task StartAsync()
    {
        if (_started) return;
        _started = true;
        try
        {
            _module = await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            _self = DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("start", _self, ShortcutDispatcher.ClaimedKeys);
        }
        catch (JSException e)
        {
            LogStartFailed(logger, e);
        }
    }

    /// <summary>A keydown from the page; <paramref name="target"/> is page, control, text or dialog.</summary>
    [JSInvokable]
    public void OnKey(string key, string target, bool ctrl, bool alt, bool meta)
    {
        var where = Enum.TryParse<KeyTarget>(target, ignoreCase: true, out var t) ? t : KeyTarget.Text; // unknown: assume typing
        if (_dispatcher.Handle(new KeyPress(key, where, ctrl, alt, meta)) is { } command) Raise(command);
    }

    /// <summary>Runs a command as if its keys were pressed (the help overlay's button, tests).</summary>
    public void Raise(ShortcutCommand command) => Pressed?.Invoke(command);

    /// <summary>Scrolls <paramref name="scroller"/> so the band [top, top + height) of its content (below a sticky header) is in view.</summary>
    public async Task RevealAsync(ElementReference scroller, double top, double height)
    {
        if (_module is null) return;
        try
        {
            await _module.InvokeVoidAsync("reveal", scroller, top, height);
        }
        catch (JSException e)
        {
            LogRevealFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The keyboard shortcuts script failed to start; shortcuts are off")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scrolling a row into view failed")]
    private static partial void LogRevealFailed(ILogger logger, Exception exception);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("stop");
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page is gone, and its listener with it.
        }

        _self?.Dispose();
    }
}
