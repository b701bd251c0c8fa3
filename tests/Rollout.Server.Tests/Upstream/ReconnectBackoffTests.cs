using Rollout.Server.Upstream;

namespace Rollout.Server.Tests.Upstream;

public class ReconnectBackoffTests
{
    [Fact]
    public void Next_DoublesWithinJitter_AndIsCapped()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), new Random(3));

        var delays = Enumerable.Range(0, 10).Select(_ => backoff.Next().TotalMilliseconds).ToArray();

        for (var i = 0; i < 4; i++)
        {
            var nominal = 100 * Math.Pow(2, i);
            Assert.InRange(delays[i], nominal * 0.8, nominal * 1.2);
        }

        Assert.All(delays, d => Assert.True(d <= 2000));
        Assert.All(delays[6..], d => Assert.InRange(d, 1600, 2000));
    }

    [Fact]
    public void Reset_AfterProgress_StartsOver()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), new Random(1));
        for (var i = 0; i < 6; i++) backoff.Next();

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalMilliseconds, 80, 120);
    }

    [Fact]
    public void Next_Jitter_SpreadsDelays()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), new Random(7));

        var distinct = Enumerable.Range(0, 20).Select(_ => backoff.Next()).Distinct().Count();

        Assert.True(distinct > 10);
    }

    [Fact]
    public void AfterFailure_ConnectionsThatDieQuickly_KeepGrowingToTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), new Random(5), TimeSpan.FromSeconds(60));

        // An upstream that answers (even with a whole snapshot) and dies within seconds is no healthier for it.
        var delays = Enumerable.Range(0, 12).Select(_ => backoff.AfterFailure(TimeSpan.FromSeconds(3)).TotalMilliseconds).ToArray();

        for (var i = 1; i < 6; i++) Assert.True(delays[i] > delays[i - 1], $"delay {i} ({delays[i]}) after {delays[i - 1]}");
        Assert.All(delays[7..], d => Assert.InRange(d, 8000, 10_000));
    }

    [Fact]
    public void AfterFailure_NeverConnected_Grows()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), new Random(5), TimeSpan.FromSeconds(60));

        var first = backoff.AfterFailure(null);
        var fourth = Enumerable.Range(0, 3).Select(_ => backoff.AfterFailure(null)).ToArray()[^1];

        Assert.InRange(first.TotalMilliseconds, 160, 240);
        Assert.InRange(fourth.TotalMilliseconds, 1280, 1920);
    }

    [Fact]
    public void AfterFailure_ConnectionThatHeld_StartsOver()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), new Random(5), TimeSpan.FromSeconds(60));
        for (var i = 0; i < 8; i++) backoff.AfterFailure(TimeSpan.FromSeconds(1));

        var delay = backoff.AfterFailure(TimeSpan.FromSeconds(60));

        Assert.InRange(delay.TotalMilliseconds, 160, 240);
        Assert.Equal(1, backoff.Failures);
    }

    /// <summary>The bound a flapping upstream meets, whatever its pattern: connects per minute, from the policy alone.</summary>
    [Fact]
    public void AfterFailure_FlappingForTenMinutes_BoundsConnectsPerMinute()
    {
        var backoff = new ReconnectBackoff(ReconnectBackoff.DefaultInitial, ReconnectBackoff.DefaultMax, new Random(11), ReconnectBackoff.DefaultResetAfter);
        var at = TimeSpan.Zero;
        var connects = new List<TimeSpan>();
        while (at < TimeSpan.FromMinutes(10))
        {
            connects.Add(at);
            at += TimeSpan.FromSeconds(2) + backoff.AfterFailure(TimeSpan.FromSeconds(2)); // up 2 s, then dead
        }

        var perMinute = connects.GroupBy(c => (int)c.TotalMinutes).Select(g => g.Count()).ToArray();
        Assert.True(perMinute[0] <= 12, $"first minute: {perMinute[0]}");
        Assert.All(perMinute[1..], n => Assert.True(n <= 6, $"later minute: {n}"));
    }
}
