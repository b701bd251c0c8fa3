using Microsoft.AspNetCore.Components;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Components;

/// <summary>
/// Every instance, sortable and filterable, virtualized: only the rows on screen are rendered.
/// Re-sorting thousands of rows is the costly part, so a large table takes the streamed changes at
/// most once a second; the grid above it shows every change as it comes.
/// </summary>
public sealed partial class InstanceTable : IDisposable
{
    /// <summary>Up to this many rows the table follows every change.</summary>
    public const int LiveRows = 500;

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
    private ITimer? _deferred;
    private bool _render = true;
    private bool _loadingShown;

    [Inject]
    public required TimeProvider Time { get; init; }

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

    private string ShownText => Loading ? $"loading… {Instances.Count} instances so far" : _model.Rows.Length == _sourceCount ? $"{_sourceCount} instances" : $"{_model.Rows.Length} of {_sourceCount} instances";

    protected override void OnParametersSet()
    {
        if (Loading != _loadingShown)
        {
            _loadingShown = Loading;
            _render = true;
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

    private void Search(string? text)
    {
        _model.SetFilter(text);
        _render = true;
    }

    private void Sort(InstanceColumn column)
    {
        _model.Sort(column);
        _render = true;
    }

    private string AriaSort(InstanceColumn column) =>
        column != _model.SortBy ? "none" : _model.Descending ? "descending" : "ascending";

    private string SortMark(InstanceColumn column) =>
        column != _model.SortBy ? string.Empty : _model.Descending ? " ▼" : " ▲";

    public void Dispose() => _deferred?.Dispose();
}
