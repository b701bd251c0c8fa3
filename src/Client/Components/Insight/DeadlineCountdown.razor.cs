using Microsoft.AspNetCore.Components;
using Rollout.Client.Services;

namespace Rollout.Client.Components.Insight;

/// <summary>Counts down to a reason's deadline (on the scheduler's clock) with the page's one-second tick.</summary>
public sealed partial class DeadlineCountdown : IDisposable
{
    [Inject]
    public required DashboardClock Clock { get; init; }

    [Inject]
    public required ViewerTimeZone Viewer { get; init; }

    [Parameter, EditorRequired]
    public DateTimeOffset Deadline { get; set; }

    /// <summary>A fixed instant to count from (a replay's position); null: the live scheduler clock.</summary>
    [Parameter]
    public DateTimeOffset? Now { get; set; }

    internal long Left => Countdown.SecondsLeft(Deadline, Now ?? Clock.SchedulerNow, 0);

    protected override void OnInitialized() => Clock.Tick += OnTick;

    private void OnTick()
    {
        if (Now is null) _ = InvokeAsync(StateHasChanged);
    }

    public void Dispose() => Clock.Tick -= OnTick;
}
