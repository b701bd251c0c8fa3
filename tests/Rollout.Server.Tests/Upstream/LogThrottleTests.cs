using Rollout.Server.Upstream;

namespace Rollout.Server.Tests.Upstream;

public class LogThrottleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Admit_Flood_LetsOneLinePerIntervalThroughAndCountsTheRest()
    {
        var throttle = new LogThrottle(TimeSpan.FromSeconds(30));

        var admitted = Enumerable.Range(0, 1000).Count(i => throttle.Admit(T0.AddMilliseconds(i), out _));
        var next = throttle.Admit(T0.AddSeconds(30), out var held);

        Assert.Equal(1, admitted);
        Assert.True(next);
        Assert.Equal(999, held);
        Assert.Equal(0, throttle.Held);
    }

    [Fact]
    public void Flush_AfterTheInterval_SaysHowManyWereHeldBack()
    {
        var throttle = new LogThrottle(TimeSpan.FromSeconds(30));
        throttle.Admit(T0, out _);
        throttle.Admit(T0.AddSeconds(1), out _);
        throttle.Admit(T0.AddSeconds(2), out _);

        Assert.False(throttle.Flush(T0.AddSeconds(10), out _));
        Assert.True(throttle.Flush(T0.AddSeconds(31), out var held));
        Assert.Equal(2, held);
        Assert.False(throttle.Flush(T0.AddSeconds(100), out _)); // nothing held any more
    }

    [Fact]
    public void Flush_Forced_SaysSoAtOnce()
    {
        var throttle = new LogThrottle(TimeSpan.FromSeconds(30));
        throttle.Admit(T0, out _);
        throttle.Admit(T0, out _);

        Assert.True(throttle.Flush(T0, out var held, force: true));
        Assert.Equal(1, held);
    }
}
