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

    internal long Left => Countdown.SecondsLeft(Deadline, Clock.SchedulerNow, 0);

    protected override void OnInitialized() => Clock.Tick += OnTick;

    private void OnTick() => InvokeAsync(StateHasChanged);

    public void Dispose() => Clock.Tick -= OnTick;
}
