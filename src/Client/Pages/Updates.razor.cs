using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;

namespace Rollout.Client.Pages;

/// <summary>
/// Every active and recent update; the job and status filters live in the URL. Active updates' insight
/// summaries (what holds them, their ETA) are asked for every <see cref="InsightEvery"/>.
/// </summary>
public sealed partial class Updates : IDisposable
{
    public static readonly TimeSpan InsightEvery = TimeSpan.FromSeconds(5);

    private RenderThrottle? _throttle;
    private MudTextField<string>? _jobField;
    private InsightPoller<IReadOnlyList<InsightSummary>>? _insight;
    private IReadOnlyList<InsightSummary>? _summaryList;
    private Dictionary<string, InsightSummary> _summaries = [];

    [Inject]
    public required IDashboardService Dashboard { get; init; }

    [Inject]
    public required IInsightService InsightService { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required DashboardClock Clock { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required KeyboardShortcuts Shortcuts { get; init; }

    [Inject]
    public required OperatorPreferences Preferences { get; init; }

    [Inject]
    public required ViewerTimeZone Viewer { get; init; }

    [SupplyParameterFromQuery(Name = "job")]
    public string? Job { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    public string? Status { get; set; }

    // Ages are on the scheduler's clock, as the update times are.
    private DateTimeOffset Now => Clock.SchedulerNow;

    private IEnumerable<UpdateView> Visible => (Dashboard.Store.Shows(DashboardViews.List) ? Dashboard.Store.Updates : [])
        .Where(u => string.IsNullOrWhiteSpace(Job) || u.Job.ToString().Contains(Job.Trim(), StringComparison.OrdinalIgnoreCase))
        .Where(u => Status switch
        {
            null or "" => true,
            "active" => u.Status.IsActive(),
            "finished" => u.Status.IsTerminal(),
            _ => u.Status.WireName() == Status,
        })
        .OrderByDescending(u => u.Status.IsActive()).ThenByDescending(u => u.Created);

    protected override async Task OnInitializedAsync()
    {
        _throttle = new RenderThrottle(Time, TimeSpan.FromMilliseconds(250), () => InvokeAsync(StateHasChanged));
        Dashboard.Store.Changed += _throttle.Request;
        Clock.Tick += _throttle.Request;
        Preferences.Changed += _throttle.Request;
        Shortcuts.Pressed += OnShortcut;
        await Dashboard.WatchListAsync();
        _insight = new InsightPoller<IReadOnlyList<InsightSummary>>(Time, InsightEvery, InsightService.GetInsightSummariesAsync, InvokeAsync, OnSummaries);
        await _insight.StartAsync();
    }

    // Indexed once per fetch, not per row per render.
    private void OnSummaries()
    {
        if (_insight?.Latest is { } latest && !ReferenceEquals(latest, _summaryList))
        {
            _summaryList = latest;
            _summaries = latest.ToDictionary(s => s.UpdateKey, StringComparer.Ordinal);
        }

        StateHasChanged(); // once per fetch, on the dispatcher: no need to wait for the throttle
    }

    private InsightSummary? Summary(UpdateView u) => u.Status.IsActive() ? _summaries.GetValueOrDefault(u.Key) : null;

    // Typing in the job filter refines one view: no history entry per keystroke.
    private void Filter(string? job, string? status, bool replace) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["job"] = job, ["status"] = status }),
            new NavigationOptions { ReplaceHistoryEntry = replace });

    private void OnShortcut(ShortcutCommand command)
    {
        if (command == ShortcutCommand.FocusSearch && _jobField is { } field) _ = InvokeAsync(() => field.FocusAsync().AsTask());
    }

    private static string Link(UpdateView u) => NotificationRules.Link(u);

    private static double Percent(UpdateView u) => u.InstanceCount == 0 ? 0 : 100.0 * u.UpdatedCount / u.InstanceCount;

    public void Dispose()
    {
        Shortcuts.Pressed -= OnShortcut;
        _insight?.Dispose();
        if (_throttle is null) return;
        Dashboard.Store.Changed -= _throttle.Request;
        Clock.Tick -= _throttle.Request;
        Preferences.Changed -= _throttle.Request;
        _throttle.Dispose();
    }
}
