using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace Rollout.Client.Services;

/// <summary><see cref="IBrowserPreferences"/> through wwwroot/js/preferences.js. A browser that refuses (private mode, no storage) keeps the defaults.</summary>
public sealed partial class BrowserPreferences(IJSRuntime js, ILogger<BrowserPreferences> logger) : IBrowserPreferences, IAsyncDisposable
{
    internal const string ModulePath = "./js/preferences.js";

    private Task<IJSObjectReference>? _module;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();

    public async Task<BrowserSnapshot> LoadAsync(IReadOnlyList<string> keys)
    {
        try
        {
            var module = await Module;
            return await module.InvokeAsync<BrowserSnapshot?>("load", keys) ?? BrowserSnapshot.Empty;
        }
        catch (JSException e)
        {
            LogFailed(logger, "load", e);
            return BrowserSnapshot.Empty;
        }
    }

    public async Task SaveAsync(string key, string? value)
    {
        try
        {
            var module = await Module;
            await module.InvokeVoidAsync("save", key, value);
        }
        catch (JSException e)
        {
            LogFailed(logger, "save", e);
        }
    }

    public async Task ShowThemeAsync(bool dark)
    {
        try
        {
            var module = await Module;
            await module.InvokeVoidAsync("showTheme", dark);
        }
        catch (JSException e)
        {
            LogFailed(logger, "showTheme", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The browser preferences script failed ({Call}); defaults stay")]
    private static partial void LogFailed(ILogger logger, string call, Exception exception);

    public async ValueTask DisposeAsync()
    {
        if (_module is not { IsCompletedSuccessfully: true } module) return;
        try
        {
            await module.Result.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is gone, and the module with it.
        }
    }
}
