using Microsoft.AspNetCore.Components;
using Rollout.Client.Components;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Client.Pages;

/// <summary>
/// One update, live: this page watches that update's view only, and draws at most ten times a second.
/// What it shows (open instance, table filter and sort, grid colouring, grid shown) lives in the URL
/// (<see cref="UpdatePageQuery"/>): every change navigates, so views can be linked and Back undoes them.
/// Insight is asked for every <see cref="InsightEvery"/> (never pushed); a failed fetch keeps the last one.
/// </summary>
public sealed partial class UpdatePage : IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LargeRenderInterval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan InsightEvery = TimeSpan.FromSeconds(2);

    /// <summary>Past this many instances a redraw costs enough that four a second is plenty.</summary>
    private const int LargeUpdate = 1000;

    private string? _watching;
    private RenderThrottle? _throttle;
    private bool _render = true;
    private bool _belowTheGrid;
    private InsightPoller<InsightView>? _insight;
    private Func<int, Task<TimelineDetail?>>? _loadDetail;

    [Inject]
    public required IDashboardService Dashboard { get; init; }

    [Inject]
    public required IInsightService InsightService { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required KeyboardShortcuts Shortcuts { get; init; }

    [Inject]
    public required UpdateNotifier Notifier { get; init; }

    [Parameter]
    public string Role { get; set; } = string.Empty;

    [Parameter]
    public string Env { get; set; } = string.Empty;

    [Parameter]
    public string Name { get; set; } = string.Empty;

    [Parameter]
    public string Id { get; set; } = string.Empty;

    /// <summary>Deep link to one instance: ?instance=3 (the panel open on it).</summary>
    [SupplyParameterFromQuery(Name = UpdatePageQuery.InstanceName)]
    public string? InstanceQuery { get; set; }

    [SupplyParameterFromQuery(Name = UpdatePageQuery.FilterName)]
    public string? FilterQuery { get; set; }

    [SupplyParameterFromQuery(Name = UpdatePageQuery.SortName)]
    public string? SortQuery { get; set; }

    [SupplyParameterFromQuery(Name = UpdatePageQuery.DescendingName)]
    public string? DescendingQuery { get; set; }

    [SupplyParameterFromQuery(Name = UpdatePageQuery.ColorName)]
    public string? ColorQuery { get; set; }

    [SupplyParameterFromQuery(Name = UpdatePageQuery.GridName)]
    public string? GridQuery { get; set; }

    [SupplyParameterFromQuery(Name = UpdatePageQuery.InsightName)]
    public string? InsightQuery { get; set; }

    /// <summary>What the URL says to show.</summary>
    private UpdatePageQuery View { get; set; } = UpdatePageQuery.Default;

    private string Key => DashboardKeys.Of(new UpdateKey(new JobKey(Role, Env, Name), Id));

    private UpdateView? Update => Dashboard.Store.Shows(Key) ? Dashboard.Store.Update(Key) : null;

    private IReadOnlyList<InstanceView> Instances => Dashboard.Store.Shows(Key) ? Dashboard.Store.Instances : [];

    /// <summary>
    /// The table, history and events wait until the first snapshot's rows are all in: the header and
    /// grid come first, and a later resnapshot keeps them (and the table's sort and filter).
    /// </summary>
    private bool ShowsBelowTheGrid => _belowTheGrid |= !Dashboard.Store.Filling;

    private int? Selected => View.Instance;

    private InstanceView? SelectedInstance => Selected is { } id ? Find(id) : null;

    protected override void OnInitialized()
    {
        _throttle = new RenderThrottle(Time, () => Instances.Count > LargeUpdate ? LargeRenderInterval : RenderInterval, () => InvokeAsync(() =>
        {
            _render = true;
            StateHasChanged();
        }));
        Dashboard.Store.Changed += _throttle.Request;
        Shortcuts.Pressed += OnShortcut;
    }

    protected override async Task OnParametersSetAsync()
    {
        // The route or the query changed (a link, Back, Forward, or this page's own navigation).
        View = UpdatePageQuery.Parse(InstanceQuery, FilterQuery, SortQuery, DescendingQuery, ColorQuery, GridQuery, InsightQuery);
        _render = true;
        if (_watching == Key) return;
        _watching = Key;
        _belowTheGrid = false;
        Notifier.Open = Key;
        await Dashboard.WatchUpdateAsync(Key);
        await StartInsightAsync(Key);
    }

    /// <summary>The latest insight fetched for this update; null until one arrives.</summary>
    private InsightView? Insight => _insight?.Latest;

    private bool InsightFailed => _insight?.Failed == true;

    // A new poller per update: a fetch for the previous one that lands late is dropped with its poller.
    private async Task StartInsightAsync(string key)
    {
        _insight?.Dispose();
        _loadDetail = batch => InsightService.GetTimelineDetailAsync(key, batch);
        _insight = new InsightPoller<InsightView>(Time, InsightEvery, () => InsightService.GetInsightAsync(key), InvokeAsync, () =>
        {
            _render = true;
            StateHasChanged();
        });
        await _insight.StartAsync();
    }

    // Store changes render through the throttle; user actions and parameters render at once.
    protected override bool ShouldRender() => _render;

    protected override void OnAfterRender(bool firstRender) => _render = false;

    /// <summary>Shows <paramref name="view"/> by navigating to it; <paramref name="replace"/> keeps Back from stepping through every small change.</summary>
    private void Show(UpdatePageQuery view, bool replace)
    {
        if (view == View) return;
        View = view; // at once; the URL's round trip confirms it
        _render = true;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(view.ToQuery()), new NavigationOptions { ReplaceHistoryEntry = replace });
    }

    // Opening from nothing is a step Back undoes; moving the open panel to another instance replaces it.
    private void Select(int instanceId) => Show(View with { Instance = instanceId }, replace: View.Instance is not null);

    private void Close() => Show(View with { Instance = null }, replace: false);

    private void ColorByChanged(ColorBy value) => Show(View with { ColorBy = value }, replace: false);

    private void ToggleGrid() => Show(View with { GridHidden = !View.GridHidden }, replace: false);

    private void ToggleInsight() => Show(View with { InsightHidden = !View.InsightHidden }, replace: false);

    // Typing refines one view: the URL follows without a history entry per keystroke.
    private void FilterChanged(string filter) => Show(View with { Filter = filter }, replace: true);

    private void SortingChanged(InstanceSort sort) => Show(View with { Sort = sort.Column, Descending = sort.Descending }, replace: false);

    private void OnShortcut(ShortcutCommand command)
    {
        if (command == ShortcutCommand.Close && View.Instance is not null) _ = InvokeAsync(Close);
    }

    private InstanceView? Find(int id)
    {
        var instances = Instances;
        int lo = 0, hi = instances.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var at = instances[mid].InstanceId;
            if (at == id) return instances[mid];
            if (at < id) lo = mid + 1;
            else hi = mid - 1;
        }

        return null;
    }

    public void Dispose()
    {
        Shortcuts.Pressed -= OnShortcut;
        if (Notifier.Open == _watching) Notifier.Open = null;
        _insight?.Dispose();
        if (_throttle is null) return;
        Dashboard.Store.Changed -= _throttle.Request;
        _throttle.Dispose();
    }
}
