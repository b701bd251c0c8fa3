using Microsoft.AspNetCore.Components;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;

namespace Rollout.Client.Components;

/// <summary>
/// The effective gating of an instance. For watch_secs it counts down locally between server
/// refreshes, from the remaining time as last received, on the injected clock.
/// </summary>
public sealed partial class GatingBadge : IDisposable
{
    private ITimer? _timer;
    private long? _remainingMs;
    private DateTimeOffset _receivedAt;

    [Inject]
    public required TimeProvider Time { get; init; }

    [Parameter]
    public GatingMode Mode { get; set; }

    [Parameter]
    public long? WatchRemainingMs { get; set; }

    [Parameter]
    public int WatchSecs { get; set; }

    [Parameter]
    public TaskState? TaskStatus { get; set; }

    [Parameter]
    public string Reason { get; set; } = string.Empty;

    private string Text => Mode switch
    {
        GatingMode.HealthGated => "health-gated",
        GatingMode.Undetermined => "undetermined",
        _ when TaskStatus != TaskState.Running => $"watch_secs: {WatchSecs} s once running",
        _ => Remaining() is var left and > 0 ? $"watch_secs: {left} s left" : "watch_secs: elapsed",
    };

    protected override void OnParametersSet()
    {
        if (WatchRemainingMs != _remainingMs)
        {
            _remainingMs = WatchRemainingMs;
            _receivedAt = Time.GetUtcNow();
        }

        var counting = Mode == GatingMode.WatchSecs && TaskStatus == TaskState.Running && _remainingMs > 0;
        if (counting && _timer is null)
        {
            _timer = Time.CreateTimer(_ => InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
        else if (!counting && _timer is not null)
        {
            _timer.Dispose();
            _timer = null;
        }
    }

    /// <summary>Whole seconds left, never below zero nor above watch_secs.</summary>
    private long Remaining()
    {
        var ms = (_remainingMs ?? 0) - (long)(Time.GetUtcNow() - _receivedAt).TotalMilliseconds;
        return Math.Clamp((long)Math.Ceiling(ms / 1000.0), 0, WatchSecs);
    }

    public void Dispose() => _timer?.Dispose();
}
