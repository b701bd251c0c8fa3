using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rollout.Client.Components;
using Rollout.Client.Services;

namespace Rollout.Client.Layout;

/// <summary>
/// The frame of every page: app bar (who, connection, notifications, theme, shortcuts), the theme,
/// and the shortcuts that work everywhere (help, go to the list, toggle dark).
/// </summary>
public sealed partial class MainLayout : IDisposable
{
    private MudThemeProvider? _themeProvider;
    private RenderThrottle? _throttle;
    private IDialogReference? _help;
    private bool? _shownDark;

    [Inject]
    public required IDashboardService Dashboard { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required OperatorPreferences Preferences { get; init; }

    [Inject]
    public required IBrowserPreferences Browser { get; init; }

    [Inject]
    public required KeyboardShortcuts Shortcuts { get; init; }

    [Inject]
    public required UpdateNotifier Notifier { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    protected override async Task OnInitializedAsync()
    {
        // The banner only needs the connection state: a few renders a second at most.
        _throttle = new RenderThrottle(Time, TimeSpan.FromMilliseconds(250), () => InvokeAsync(StateHasChanged));
        Dashboard.Store.Changed += _throttle.Request;
        Dashboard.StateChanged += _throttle.Request;
        Preferences.Changed += OnPreferencesChanged;
        Shortcuts.Pressed += OnShortcut;
        Notifier.Start();
        await Dashboard.StartAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Shortcuts.StartAsync();
            if (_themeProvider is not null) await _themeProvider.WatchSystemDarkModeAsync(OnSystemDarkChanged);
        }

        // After the theme's variables are on the page: the dashboard's own styles and the grid follow.
        if (_shownDark != Preferences.IsDark)
        {
            _shownDark = Preferences.IsDark;
            await Browser.ShowThemeAsync(Preferences.IsDark);
        }
    }

    private Task OnSystemDarkChanged(bool dark) => InvokeAsync(() => Preferences.SetSystemDark(dark));

    private void OnPreferencesChanged() => _ = InvokeAsync(StateHasChanged);

    private void OnShortcut(ShortcutCommand command) => _ = InvokeAsync(command switch
    {
        ShortcutCommand.ShowHelp => ShowHelpAsync,
        ShortcutCommand.GoToList => () =>
        {
            Navigation.NavigateTo("/");
            return Task.CompletedTask;
        },
        ShortcutCommand.GoToFleet => () =>
        {
            Navigation.NavigateTo("/fleet");
            return Task.CompletedTask;
        },
        ShortcutCommand.GoToReplay => () =>
        {
            Navigation.NavigateTo("/replay");
            return Task.CompletedTask;
        },
        ShortcutCommand.ToggleDark => Preferences.ToggleDarkAsync,
        _ => () => Task.CompletedTask,
    });

    private async Task ShowHelpAsync()
    {
        if (_help is { Result.IsCompleted: false }) return;
        var options = new DialogOptions { CloseOnEscapeKey = true, CloseButton = true, MaxWidth = MaxWidth.Small, FullWidth = true };
        _help = await Dialogs.ShowAsync<ShortcutHelp>("Keyboard shortcuts", options);
    }

    public void Dispose()
    {
        Preferences.Changed -= OnPreferencesChanged;
        Shortcuts.Pressed -= OnShortcut;
        if (_throttle is null) return;
        Dashboard.Store.Changed -= _throttle.Request;
        Dashboard.StateChanged -= _throttle.Request;
        _throttle.Dispose();
    }
}
