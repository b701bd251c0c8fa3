using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Rollout.Domain.Model;

namespace Rollout.Client.Services;

/// <summary>
/// Notifies the operator (when they opted in) as a watched update pauses, fails, rolls back or
/// finishes. Watched: the update open on the page, and those starred on the list. It follows the
/// statuses the page receives (the list shows every update, an update's page only that one), and
/// remembers each last status it saw, so a starred update that finished while another page was open
/// notifies once the list shows it again. Which changes notify is <see cref="NotificationRules"/>.
/// </summary>
public sealed partial class UpdateNotifier(IDashboardService dashboard, OperatorPreferences preferences, IBrowserNotifications notifications,
    ILogger<UpdateNotifier> logger) : IDisposable
{
    private readonly Dictionary<string, UpdateStatus> _seen = new(StringComparer.Ordinal);
    private bool _started;

    /// <summary>The update whose page is open; watched whether starred or not.</summary>
    public string? Open { get; set; }

    public void Start()
    {
        if (_started) return;
        _started = true;
        dashboard.Store.Changed += OnStoreChanged;
        OnStoreChanged();
    }

    public bool Watches(string updateKey) => updateKey == Open || preferences.Starred.Contains(updateKey);

    private void OnStoreChanged()
    {
        foreach (var update in dashboard.Store.Updates)
        {
            UpdateStatus? before = _seen.TryGetValue(update.Key, out var seen) ? seen : null;
            if (before == update.Status) continue;
            _seen[update.Key] = update.Status;
            if (!preferences.Notifications || !Watches(update.Key)) continue;
            if (NotificationRules.For(update, before) is { } notice) _ = ShowAsync(notice);
        }
    }

    private async Task ShowAsync(UpdateNotice notice)
    {
        try
        {
            await notifications.ShowAsync(notice);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            LogShowFailed(logger, notice.Title, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not show the notification \"{Title}\"")]
    private static partial void LogShowFailed(ILogger logger, string title, Exception exception);

    public void Dispose()
    {
        if (_started) dashboard.Store.Changed -= OnStoreChanged;
    }
}
