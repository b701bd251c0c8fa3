namespace Rollout.Client.Components;

/// <summary>
/// Time left until a deadline on the scheduler's clock, as every countdown on the page shows it:
/// whole seconds, rounded up, never below zero and never above the span it counts down (a 30 s
/// watch never shows more than 30 s, whatever the clocks say).
/// </summary>
public static class Countdown
{
    /// <param name="schedulerNow">The scheduler's clock as the page estimates it (<see cref="Services.DashboardClock.SchedulerNow"/>).</param>
    /// <param name="spanSeconds">The whole span counted down; 0 or less when not known (then only the floor holds).</param>
    public static long SecondsLeft(DateTimeOffset deadline, DateTimeOffset schedulerNow, long spanSeconds)
    {
        var left = (long)Math.Ceiling((deadline - schedulerNow).TotalMilliseconds / 1000.0);
        return Math.Clamp(left, 0, spanSeconds > 0 ? spanSeconds : long.MaxValue);
    }
}
