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
}
