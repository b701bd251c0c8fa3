using Rollout.Client.Services;
using Rollout.Client.Tests.Support;

namespace Rollout.Client.Tests.Comfort;

public class OperatorPreferencesTests
{
    private readonly FakeBrowserPreferences _browser = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LoadAsync_NothingStored_FollowsTheSystem(bool systemDark)
    {
        _browser.PrefersDark = systemDark;
        var preferences = new OperatorPreferences(_browser);

        await preferences.LoadAsync();

        Assert.Equal(ThemeMode.System, preferences.Theme);
        Assert.Equal(systemDark, preferences.IsDark);
        Assert.False(preferences.Notifications);
        Assert.Empty(preferences.Starred);
    }

    [Fact]
    public async Task LoadAsync_Stored_RestoresEveryChoice()
    {
        _browser.Stored[OperatorPreferences.ThemeKey] = "dark";
        _browser.Stored[OperatorPreferences.NotificationsKey] = "on";
        _browser.Stored[OperatorPreferences.StarredKey] = """["a/b/c#1","d/e/f#2"]""";
        _browser.TimeZone = "Europe/Berlin";
        var preferences = new OperatorPreferences(_browser);

        var snapshot = await preferences.LoadAsync();

        Assert.Equal(ThemeMode.Dark, preferences.Theme);
        Assert.True(preferences.IsDark);
        Assert.True(preferences.Notifications);
        Assert.Equal(["a/b/c#1", "d/e/f#2"], preferences.Starred.Order(StringComparer.Ordinal));
        Assert.Equal("Europe/Berlin", snapshot.TimeZone);
    }

    [Fact]
    public async Task LoadAsync_Garbage_KeepsTheDefaults()
    {
        _browser.Stored[OperatorPreferences.ThemeKey] = "purple";
        _browser.Stored[OperatorPreferences.NotificationsKey] = "yes please";
        _browser.Stored[OperatorPreferences.StarredKey] = "{not json";
        var preferences = new OperatorPreferences(_browser);

        await preferences.LoadAsync();

        Assert.Equal(ThemeMode.System, preferences.Theme);
        Assert.False(preferences.Notifications);
        Assert.Empty(preferences.Starred);
    }

    [Fact]
    public async Task SetThemeAsync_DarkThenSystem_StoresTheChoiceThenForgetsIt()
    {
        var preferences = new OperatorPreferences(_browser);
        var changes = 0;
        preferences.Changed += () => changes++;

        await preferences.SetThemeAsync(ThemeMode.Dark);
        Assert.Equal("dark", _browser.Stored[OperatorPreferences.ThemeKey]);
        Assert.True(preferences.IsDark);

        await preferences.SetThemeAsync(ThemeMode.System);
        Assert.False(_browser.Stored.ContainsKey(OperatorPreferences.ThemeKey));
        Assert.Equal(2, changes);
    }

    [Theory]
    [InlineData(ThemeMode.System, false, ThemeMode.Dark)]
    [InlineData(ThemeMode.System, true, ThemeMode.Light)]
    [InlineData(ThemeMode.Light, true, ThemeMode.Dark)]
    [InlineData(ThemeMode.Dark, false, ThemeMode.Light)]
    public void Toggled_IsTheOppositeOfWhatIsShown(ThemeMode mode, bool systemDark, ThemeMode expected) =>
        Assert.Equal(expected, OperatorPreferences.Toggled(mode, systemDark));

    [Fact]
    public async Task ToggleDarkAsync_OnADarkSystem_ChoosesLightAndRemembersIt()
    {
        _browser.PrefersDark = true;
        var preferences = new OperatorPreferences(_browser);
        await preferences.LoadAsync();

        await preferences.ToggleDarkAsync();

        Assert.False(preferences.IsDark);
        Assert.Equal("light", _browser.Stored[OperatorPreferences.ThemeKey]);
    }

    [Fact]
    public void SetSystemDark_FollowedOnlyInSystemMode()
    {
        var preferences = new OperatorPreferences(_browser);

        preferences.SetSystemDark(true);

        Assert.True(preferences.IsDark);
    }

    [Fact]
    public async Task ToggleStarAsync_TwiceOnOneAndOnceOnAnother_KeepsTheOtherStored()
    {
        var preferences = new OperatorPreferences(_browser);

        await preferences.ToggleStarAsync("b/p/x#2");
        await preferences.ToggleStarAsync("a/p/x#1");
        await preferences.ToggleStarAsync("b/p/x#2");

        Assert.Equal(["a/p/x#1"], preferences.Starred);
        Assert.Equal("""["a/p/x#1"]""", _browser.Stored[OperatorPreferences.StarredKey]);

        await preferences.ToggleStarAsync("a/p/x#1");
        Assert.False(_browser.Stored.ContainsKey(OperatorPreferences.StarredKey));
    }

    [Fact]
    public async Task SetNotificationsAsync_OnThenOff_IsRememberedThenForgotten()
    {
        var preferences = new OperatorPreferences(_browser);

        await preferences.SetNotificationsAsync(true);
        Assert.Equal("on", _browser.Stored[OperatorPreferences.NotificationsKey]);

        await preferences.SetNotificationsAsync(false);
        Assert.False(_browser.Stored.ContainsKey(OperatorPreferences.NotificationsKey));
    }
}
