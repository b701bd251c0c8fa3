using Microsoft.AspNetCore.Components;
using Rollout.Client.Services;

namespace Rollout.Client.Components;

/// <summary>A coordinated update's pulse deadline, counting down on the page's one clock tick.</summary>
public sealed partial class PulseCountdown : IDisposable
{
    [Inject]
    public required DashboardClock Clock { get; init; }

    [Inject]
    public required ViewerTimeZone Viewer { get; init; }

    /// <summary>On the scheduler's clock; null before the first pulse.</summary>
    [Parameter]
    public DateTimeOffset? Deadline { get; set; }

    /// <summary>The update's pulse interval: the countdown never shows more (0: not known).</summary>
    [Parameter]
    public int IntervalSecs { get; set; }

    internal string Text
    {
        get
        {
            if (Deadline is not { } due) return "no pulse received yet";
            var left = Countdown.SecondsLeft(due, Clock.SchedulerNow, IntervalSecs);
            var at = TimeText.Local(due, Viewer.Zone);
            return left > 0 ? $"{at} (in {left} s)" : $"{at} (expired)";
        }
    }

    protected override void OnInitialized() => Clock.Tick += OnTick;

    private void OnTick() => InvokeAsync(StateHasChanged);

    public void Dispose() => Clock.Tick -= OnTick;
}
