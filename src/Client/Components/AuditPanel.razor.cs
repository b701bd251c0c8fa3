using Microsoft.AspNetCore.Components;
using Rollout.Client.Services;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

/// <summary>
/// The audit of one update: fetched when shown, again when the update's history grows (an unknown
/// outcome may just have been seen applied) and after a command sent from this browser.
/// </summary>
public sealed partial class AuditPanel : IDisposable
{
    private IReadOnlyList<AuditEntryView> _entries = [];
    private bool _loaded;
    private string? _loadedKey;
    private (int Count, StatusChangeView? Last) _history;
    private bool _loading;
    private bool _again;

    [Inject]
    public required IDashboardService Dashboard { get; init; }

    [Inject]
    public required ViewerTimeZone Viewer { get; init; }

    [Parameter, EditorRequired]
    public required string UpdateKey { get; set; }

    protected override void OnInitialized()
    {
        Dashboard.Store.Changed += OnStoreChanged;
        Dashboard.CommandCompleted += OnCommandCompleted;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedKey == UpdateKey) return;
        _loadedKey = UpdateKey;
        _entries = [];
        _loaded = false;
        _history = HistoryMark();
        await LoadAsync();
    }

    private void OnStoreChanged()
    {
        var mark = HistoryMark();
        if (mark == _history) return;
        _history = mark;
        _ = InvokeAsync(LoadAsync);
    }

    private void OnCommandCompleted(string updateKey)
    {
        if (updateKey == UpdateKey) _ = InvokeAsync(LoadAsync);
    }

    private (int, StatusChangeView?) HistoryMark()
    {
        var history = Dashboard.Store.Shows(UpdateKey) ? Dashboard.Store.History : [];
        return (history.Count, history.Count > 0 ? history[^1] : null);
    }

    /// <summary>One fetch at a time; a reason to fetch meanwhile makes one more afterwards.</summary>
    private async Task LoadAsync()
    {
        if (_loading)
        {
            _again = true;
            return;
        }

        _loading = true;
        try
        {
            do
            {
                _again = false;
                var key = UpdateKey;
                if (await Dashboard.GetAuditAsync(key) is { } entries && key == UpdateKey)
                {
                    _entries = entries;
                    _loaded = true;
                    StateHasChanged();
                }
            }
            while (_again);
        }
        finally
        {
            _loading = false;
        }
    }

    public void Dispose()
    {
        Dashboard.Store.Changed -= OnStoreChanged;
        Dashboard.CommandCompleted -= OnCommandCompleted;
    }
}
