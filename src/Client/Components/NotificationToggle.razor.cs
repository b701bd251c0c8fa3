using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rollout.Client.Services;

namespace Rollout.Client.Components;

/// <summary>
/// Turns notifications for watched updates (the one open, the starred ones) on and off. Turning them
/// on asks the browser's permission; a refusal leaves them off and says why.
/// </summary>
public sealed partial class NotificationToggle : IDisposable
{
    private bool _asking;

    [Inject]
    public required OperatorPreferences Preferences { get; init; }

    [Inject]
    public required IBrowserNotifications Notifications { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private string Tip => Preferences.Notifications
        ? "Notifications on: the update you have open and the ones starred on the list notify when they pause, fail, roll back or finish"
        : "Notify me when the update I have open, or one I starred, pauses, fails, rolls back or finishes";

    protected override void OnInitialized() => Preferences.Changed += OnChanged;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Remembered as on, but the permission was withdrawn since: show it off, as it is.
        if (firstRender && Preferences.Notifications && await Notifications.PermissionAsync() != "granted")
        {
            await Preferences.SetNotificationsAsync(false);
        }
    }

    private async Task ToggleAsync()
    {
        if (Preferences.Notifications)
        {
            await Preferences.SetNotificationsAsync(false);
            return;
        }

        _asking = true;
        try
        {
            var permission = await Notifications.RequestPermissionAsync();
            if (permission == "granted")
            {
                await Preferences.SetNotificationsAsync(true);
                Snackbar.Add("Notifications on for the update you have open and the ones you starred.", Severity.Info);
            }
            else
            {
                Snackbar.Add(permission == "unsupported"
                    ? "This browser cannot show notifications."
                    : "The browser did not allow notifications for this site; allow them in its site settings to turn them on.", Severity.Warning);
            }
        }
        finally
        {
            _asking = false;
        }
    }

    private void OnChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose() => Preferences.Changed -= OnChanged;
}
