using Rollout.Client.Services;

namespace Rollout.Client.Tests.Support;

/// <summary>An in-memory browser: what it stores, what the system prefers, its time zone, and the theme last shown.</summary>
public sealed class FakeBrowserPreferences : IBrowserPreferences
{
    public Dictionary<string, string?> Stored { get; } = new(StringComparer.Ordinal);

    public bool PrefersDark { get; set; }

    public string? TimeZone { get; set; }

    /// <summary>What the page was last marked (null: never).</summary>
    public bool? ShownDark { get; private set; }

    public Task<BrowserSnapshot> LoadAsync(IReadOnlyList<string> keys) =>
        Task.FromResult(new BrowserSnapshot(keys.ToDictionary(k => k, k => Stored.GetValueOrDefault(k)), PrefersDark, TimeZone));

    public Task SaveAsync(string key, string? value)
    {
        if (value is null) Stored.Remove(key);
        else Stored[key] = value;
        return Task.CompletedTask;
    }

    public Task ShowThemeAsync(bool dark)
    {
        ShownDark = dark;
        return Task.CompletedTask;
    }
}
