using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Client.Pages;

/// <summary>Every active and recent update; the job and status filters live in the URL.</summary>
public sealed partial class Updates : IDisposable
{
    private RenderThrottle? _throttle;
    private MudTextField<string>? _jobField;

    [Inject]
    public required IDashboardService Dashboard { get; init; }

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
    }

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
        if (_throttle is null) return;
        Dashboard.Store.Changed -= _throttle.Request;
        Clock.Tick -= _throttle.Request;
        Preferences.Changed -= _throttle.Request;
        _throttle.Dispose();
    }
}
