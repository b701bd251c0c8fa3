using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

/// <summary>How the instance table is sorted.</summary>
public readonly record struct InstanceSort(InstanceColumn Column, bool Descending);

/// <summary>
/// Every instance, sortable and filterable, virtualized: only the rows on screen are rendered.
/// Re-sorting thousands of rows is the costly part, so a large table takes the streamed changes at
/// most once a second; the grid above it shows every change as it comes. The filter and sort come
/// from the page (its URL) and changes go back to it; j and k move a row cursor, Enter opens it.
/// </summary>
public sealed partial class InstanceTable : IDisposable
{
    /// <summary>Up to this many rows the table follows every change.</summary>
    public const int LiveRows = 500;

    /// <summary>Pixels per row; app.css gives rows this height, so the virtualizer's arithmetic holds.</summary>
    public const int RowHeight = 24;

    private static readonly TimeSpan LargeRefresh = TimeSpan.FromSeconds(1);

    private static readonly (InstanceColumn Column, string Title)[] Columns =
    [
        (InstanceColumn.Id, "#"), (InstanceColumn.Host, "Host"), (InstanceColumn.TaskStatus, "Task status"),
        (InstanceColumn.Executor, "Executor"), (InstanceColumn.Health, "Health"), (InstanceColumn.Gating, "Gating"),
        (InstanceColumn.Hazards, "Hazards"), (InstanceColumn.Action, "Update action"),
    ];

    private readonly InstanceTableModel _model = new();
    private DateTimeOffset _refreshedAt = DateTimeOffset.MinValue;
    private int _sourceCount = -1;
    private int? _selectedShown;
    private int? _selectedSeen;
    private int? _cursor;
    private string? _filterParameter;
    private InstanceSort? _sortParameter;
    private ITimer? _deferred;
    private bool _render = true;
    private bool _loadingShown;
    private MudTextField<string>? _search;
    private ElementReference _scroller;

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required KeyboardShortcuts Shortcuts { get; init; }

    [Parameter]
    public IReadOnlyList<InstanceView> Instances { get; set; } = [];

    /// <summary>
    /// The snapshot's rows are still arriving: the table waits for all of them, so sorting never
    /// competes with the header and grid for the first second of a big update.
    /// </summary>
    [Parameter]
    public bool Loading { get; set; }

    [Parameter]
    public int WatchSecs { get; set; }

    /// <summary>The update has ended: an instance it never acted on was not touched, rather than waiting.</summary>
    [Parameter]
    public bool UpdateFinished { get; set; }

    [Parameter]
    public int? Selected { get; set; }

    [Parameter]
    public EventCallback<int> OnSelect { get; set; }

    /// <summary>The filter to show (from the page's URL).</summary>
    [Parameter]
    public string Filter { get; set; } = string.Empty;

    [Parameter]
    public EventCallback<string> FilterChanged { get; set; }

    /// <summary>The sort to show (from the page's URL).</summary>
    [Parameter]
    public InstanceSort Sorting { get; set; }

    [Parameter]
    public EventCallback<InstanceSort> SortingChanged { get; set; }

    private string ShownText => Loading ? $"loading… {Instances.Count} instances so far" : _model.Rows.Length == _sourceCount ? $"{_sourceCount} instances" : $"{_model.Rows.Length} of {_sourceCount} instances";

    protected override void OnInitialized() => Shortcuts.Pressed += OnShortcut;

    protected override void OnParametersSet()
    {
        if (Loading != _loadingShown)
        {
            _loadingShown = Loading;
            _render = true;
        }

        // A link or Back may bring another filter or sort. Only a changed parameter counts: a render
        // before the page's URL has caught up with the operator's own change must not undo it.
        if (Filter != _filterParameter)
        {
            _filterParameter = Filter;
            if (Filter.Trim() != _model.Filter) _model.SetFilter(Filter);
            _render = true;
        }

        if (Sorting != _sortParameter)
        {
            _sortParameter = Sorting;
            _model.SetSort(Sorting.Column, Sorting.Descending);
            _render = true;
        }

        // The row cursor follows a selection made elsewhere (the grid, a link).
        if (Selected != _selectedSeen)
        {
            _selectedSeen = Selected;
            if (Selected is not null) _cursor = Selected;
        }

        if (Loading) return;
        var now = Time.GetUtcNow();
        if (Instances.Count <= LiveRows || Selected != _selectedShown || UpdateFinished != _model.UpdateFinished)
        {
            Refresh(now);
        }
        else
        {
            // A large table never refreshes inline: its first rows come in a task of their own (the
            // header and grid show first), later changes at most once a second.
            var wait = Instances.Count != _sourceCount ? TimeSpan.Zero : LargeRefresh - (now - _refreshedAt);
            _deferred ??= Time.CreateTimer(_ => InvokeAsync(RefreshLate), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    protected override bool ShouldRender() => _render;

    protected override void OnAfterRender(bool firstRender) => _render = false;

    private void Refresh(DateTimeOffset now)
    {
        _model.UpdateFinished = UpdateFinished;
        _model.Update(Instances);
        _sourceCount = Instances.Count;
        _refreshedAt = now;
        _selectedShown = Selected;
        _render = true;
    }

    private void RefreshLate()
    {
        _deferred?.Dispose();
        _deferred = null;
        Refresh(Time.GetUtcNow());
        StateHasChanged();
    }

    private async Task Search(string? text)
    {
        _model.SetFilter(text);
        _render = true;
        await FilterChanged.InvokeAsync(_model.Filter);
    }

    private async Task Sort(InstanceColumn column)
    {
        _model.Sort(column);
        _render = true;
        await SortingChanged.InvokeAsync(new InstanceSort(_model.SortBy, _model.Descending));
    }

    private async Task Open(int instanceId)
    {
        _cursor = instanceId;
        _render = true;
        await OnSelect.InvokeAsync(instanceId);
    }

    private void OnShortcut(ShortcutCommand command)
    {
        switch (command)
        {
            case ShortcutCommand.NextRow:
                _ = InvokeAsync(() => MoveAsync(+1));
                break;
            case ShortcutCommand.PreviousRow:
                _ = InvokeAsync(() => MoveAsync(-1));
                break;
            case ShortcutCommand.OpenRow when CursorRow() is { } row:
                _ = InvokeAsync(() => Open(_model.Rows[row].InstanceId));
                break;
            case ShortcutCommand.FocusSearch when _search is not null:
                _ = InvokeAsync(() => _search.FocusAsync().AsTask());
                break;
        }
    }

    /// <summary>Where the cursor is among the rows shown; the first row when it is on none.</summary>
    private int? CursorRow()
    {
        var rows = _model.Rows;
        if (rows.Length == 0) return null;
        var at = _cursor is { } id ? Array.FindIndex(rows, r => r.InstanceId == id) : -1;
        return at < 0 ? 0 : at;
    }

    /// <summary>j and k: the next or previous row shown; with the panel open, the panel follows.</summary>
    private async Task MoveAsync(int step)
    {
        var rows = _model.Rows;
        if (rows.Length == 0) return;
        var at = _cursor is { } id ? Array.FindIndex(rows, r => r.InstanceId == id) : -1;
        var next = at < 0 ? 0 : Math.Clamp(at + step, 0, rows.Length - 1);
        _cursor = rows[next].InstanceId;
        _render = true;
        StateHasChanged();
        await Shortcuts.RevealAsync(_scroller, next * RowHeight, RowHeight);
        if (Selected is not null && Selected != _cursor) await OnSelect.InvokeAsync(_cursor.Value);
    }

    private string? RowClass(int instanceId) => (instanceId == Selected, instanceId == _cursor) switch
    {
        (true, true) => "selected-row cursor-row",
        (true, false) => "selected-row",
        (false, true) => "cursor-row",
        _ => null,
    };

    private string AriaSort(InstanceColumn column) =>
        column != _model.SortBy ? "none" : _model.Descending ? "descending" : "ascending";

    private string SortMark(InstanceColumn column) =>
        column != _model.SortBy ? string.Empty : _model.Descending ? " ▼" : " ▲";

    public void Dispose()
    {
        Shortcuts.Pressed -= OnShortcut;
        _deferred?.Dispose();
    }
}
