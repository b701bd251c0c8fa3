using System.Text.Json;

namespace Rollout.Client.Services;

/// <summary>Light, dark, or whatever the system says.</summary>
public enum ThemeMode
{
    System,
    Light,
    Dark,
}

/// <summary>
/// What this operator chose in this browser, remembered across reloads: the colour scheme,
/// notifications on or off, and the updates they starred on the list.
/// </summary>
public sealed class OperatorPreferences(IBrowserPreferences browser)
{
    internal const string ThemeKey = "rollout.theme";
    internal const string NotificationsKey = "rollout.notifications";
    internal const string StarredKey = "rollout.starred";

    private HashSet<string> _starred = new(StringComparer.Ordinal);

    public ThemeMode Theme { get; private set; }

    /// <summary>The system's colour scheme (prefers-color-scheme), followed in <see cref="ThemeMode.System"/>.</summary>
    public bool SystemDark { get; private set; }

    public bool IsDark => IsDarkFor(Theme, SystemDark);

    /// <summary>The operator opted in to browser notifications (the browser's permission is checked separately).</summary>
    public bool Notifications { get; private set; }

    /// <summary>Update keys ("role/env/name#id") starred on the list.</summary>
    public IReadOnlySet<string> Starred => _starred;

    /// <summary>Raised after any preference changed.</summary>
    public event Action? Changed;

    public static bool IsDarkFor(ThemeMode mode, bool systemDark) => mode switch
    {
        ThemeMode.Dark => true,
        ThemeMode.Light => false,
        _ => systemDark,
    };

    /// <summary>The opposite of what is shown now, as an explicit choice (t toggles what you see, whatever the system says).</summary>
    public static ThemeMode Toggled(ThemeMode mode, bool systemDark) => IsDarkFor(mode, systemDark) ? ThemeMode.Light : ThemeMode.Dark;

    /// <summary>Reads what was remembered; unreadable values keep the defaults. Returns the browser's answer for other start-up settings.</summary>
    public async Task<BrowserSnapshot> LoadAsync()
    {
        var snapshot = await browser.LoadAsync([ThemeKey, NotificationsKey, StarredKey]);
        Theme = Enum.TryParse<ThemeMode>(snapshot.Value(ThemeKey), ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : ThemeMode.System;
        SystemDark = snapshot.PrefersDark;
        Notifications = snapshot.Value(NotificationsKey) == "on";
        _starred = new HashSet<string>(ParseStarred(snapshot.Value(StarredKey)), StringComparer.Ordinal);
        Changed?.Invoke();
        return snapshot;
    }

    public async Task SetThemeAsync(ThemeMode mode)
    {
        if (mode == Theme) return;
        Theme = mode;
        Changed?.Invoke();
        await browser.SaveAsync(ThemeKey, mode == ThemeMode.System ? null : mode.ToString().ToLowerInvariant());
    }

    public Task ToggleDarkAsync() => SetThemeAsync(Toggled(Theme, SystemDark));

    /// <summary>The system's scheme changed (seen live, or at start).</summary>
    public void SetSystemDark(bool dark)
    {
        if (dark == SystemDark) return;
        SystemDark = dark;
        Changed?.Invoke();
    }

    public async Task SetNotificationsAsync(bool on)
    {
        if (on == Notifications) return;
        Notifications = on;
        Changed?.Invoke();
        await browser.SaveAsync(NotificationsKey, on ? "on" : null);
    }

    public async Task ToggleStarAsync(string updateKey)
    {
        if (!_starred.Remove(updateKey)) _starred.Add(updateKey);
        Changed?.Invoke();
        await browser.SaveAsync(StarredKey, _starred.Count == 0 ? null : JsonSerializer.Serialize(_starred.Order(StringComparer.Ordinal).ToArray()));
    }

    private static IEnumerable<string> ParseStarred(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<string[]>(json)?.Where(k => !string.IsNullOrEmpty(k)) ?? [];
        }
        catch (JsonException)
        {
            return []; // written by something else: start over rather than fail
        }
    }
}
