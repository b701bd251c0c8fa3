using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace Rollout.Client.Services;

/// <summary>The browser's notifications, as the dashboard uses them.</summary>
public interface IBrowserNotifications
{
    /// <summary>"granted", "denied", "default" (not asked yet) or "unsupported".</summary>
    Task<string> PermissionAsync();

    /// <summary>Asks for permission (only when not yet asked) and returns the answer, as <see cref="PermissionAsync"/>.</summary>
    Task<string> RequestPermissionAsync();

    Task ShowAsync(UpdateNotice notice);
}

/// <summary><see cref="IBrowserNotifications"/> through wwwroot/js/notifications.js; a click opens the update's page.</summary>
public sealed partial class BrowserNotifications(IJSRuntime js, NavigationManager navigation, ILogger<BrowserNotifications> logger)
    : IBrowserNotifications, IAsyncDisposable
{
    internal const string ModulePath = "./js/notifications.js";

    private Task<IJSObjectReference>? _module;
    private DotNetObjectReference<BrowserNotifications>? _self;

    private Task<IJSObjectReference> Module => _module ??= js.InvokeAsync<IJSObjectReference>("import", ModulePath).AsTask();

    public async Task<string> PermissionAsync() => await CallAsync<string?>("permission") ?? "unsupported";

    public async Task<string> RequestPermissionAsync() => await CallAsync<string?>("request") ?? "unsupported";

    public async Task ShowAsync(UpdateNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        _self ??= DotNetObjectReference.Create(this);
        await CallAsync<bool>("show", _self, notice.Title, notice.Body, notice.Tag, notice.Url);
    }

    /// <summary>A notification was clicked.</summary>
    [JSInvokable]
    public void Open(string url)
    {
        // Only this app's own pages: the url came from here, but it crossed the page.
        if (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)) navigation.NavigateTo(url);
    }

    private async Task<T?> CallAsync<T>(string name, params object?[] args)
    {
        try
        {
            var module = await Module;
            return await module.InvokeAsync<T>(name, args);
        }
        catch (JSException e)
        {
            LogFailed(logger, name, e);
            return default;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notifications script failed ({Call})")]
    private static partial void LogFailed(ILogger logger, string call, Exception exception);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is { IsCompletedSuccessfully: true } module) await module.Result.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The page is gone, and the module with it.
        }

        _self?.Dispose();
    }
}
