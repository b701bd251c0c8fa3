using Microsoft.AspNetCore.Components;
using Rollout.Client.Services;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;

namespace Rollout.Client.Components;

/// <summary>
/// The effective gating of an instance. For watch_secs it counts down to the deadline on the
/// scheduler's clock, driven by the page's one clock tick: the server sends the deadline once.
/// </summary>
public sealed partial class GatingBadge : IDisposable
{
    private bool _listening;

    [Inject]
    public required DashboardClock Clock { get; init; }

    [Parameter]
    public GatingMode Mode { get; set; }

    [Parameter]
    public DateTimeOffset? WatchDeadline { get; set; }

    [Parameter]
    public int WatchSecs { get; set; }

    [Parameter]
    public TaskState? TaskStatus { get; set; }

    /// <summary>Why, when known (the instance detail carries it); otherwise what the mode means.</summary>
    [Parameter]
    public string? Reason { get; set; }

    private string Text => Mode switch
    {
        GatingMode.HealthGated => "health-gated",
        GatingMode.Undetermined => "undetermined",
        _ when TaskStatus != TaskState.Running => $"watch_secs: {WatchSecs} s once running",
        _ => Remaining() is var left and > 0 ? $"watch_secs: {left} s left" : "watch_secs: elapsed",
    };

    private string Tooltip => Reason ?? Mode switch
    {
        GatingMode.HealthGated => "RUNNING counts as healthy: watch_secs is skipped",
        GatingMode.WatchSecs => $"must stay RUNNING for watch_secs={WatchSecs} to count as updated",
        _ => "the executor version is not known yet",
    };

    protected override void OnParametersSet()
    {
        var counting = Mode == GatingMode.WatchSecs && TaskStatus == TaskState.Running && Remaining() > 0;
        if (counting && !_listening) Clock.Tick += Refresh;
        else if (!counting && _listening) Clock.Tick -= Refresh;
        _listening = counting;
    }

    /// <summary>Whole seconds left, never below zero nor above watch_secs.</summary>
    private long Remaining() => WatchDeadline is { } deadline ? Math.Min(Countdown.SecondsLeft(deadline, Clock.SchedulerNow, WatchSecs), WatchSecs) : WatchSecs;

    private void Refresh() => InvokeAsync(() =>
    {
        if (Remaining() == 0 && _listening)
        {
            Clock.Tick -= Refresh;
            _listening = false;
        }

        StateHasChanged();
    });

    public void Dispose()
    {
        if (_listening) Clock.Tick -= Refresh;
    }
}
