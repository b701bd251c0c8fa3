using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rollout.Client.Services;

namespace Rollout.Client.Components;

/// <summary>The app bar's theme switch: system, light or dark.</summary>
public sealed partial class ThemeMenu : IDisposable
{
    [Inject]
    public required OperatorPreferences Preferences { get; init; }

    internal static string LabelOf(ThemeMode mode) => mode switch
    {
        ThemeMode.Light => "light",
        ThemeMode.Dark => "dark",
        _ => "follow the system",
    };

    private static string IconOf(ThemeMode mode) => mode switch
    {
        ThemeMode.Light => Icons.Material.Filled.LightMode,
        ThemeMode.Dark => Icons.Material.Filled.DarkMode,
        _ => Icons.Material.Filled.BrightnessAuto,
    };

    protected override void OnInitialized() => Preferences.Changed += OnChanged;

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose() => Preferences.Changed -= OnChanged;
}
