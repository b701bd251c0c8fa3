namespace Rollout.Client.Services;

/// <summary>What the browser told us at start: stored values, the system colour scheme, the time zone.</summary>
/// <param name="Values">Stored values by key; a missing key is absent or null.</param>
/// <param name="PrefersDark">The system asks for dark colours (prefers-color-scheme).</param>
/// <param name="TimeZone">The browser's IANA time zone (Intl), when it says.</param>
public sealed record BrowserSnapshot(IReadOnlyDictionary<string, string?> Values, bool PrefersDark, string? TimeZone)
{
    public static BrowserSnapshot Empty { get; } = new(new Dictionary<string, string?>(), false, null);

    public string? Value(string key) => Values.TryGetValue(key, out var value) ? value : null;
}

/// <summary>This browser's own storage and settings (localStorage, prefers-color-scheme, Intl), behind one seam for tests.</summary>
public interface IBrowserPreferences
{
    Task<BrowserSnapshot> LoadAsync(IReadOnlyList<string> keys);

    /// <summary>Stores a value; null removes it.</summary>
    Task SaveAsync(string key, string? value);

    /// <summary>Marks the page light or dark for the dashboard's own styles (and native controls).</summary>
    Task ShowThemeAsync(bool dark);
}
