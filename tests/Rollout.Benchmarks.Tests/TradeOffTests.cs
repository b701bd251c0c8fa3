using Rollout.Benchmarks.Emulation;

namespace Rollout.Benchmarks.Tests;

public class TradeOffTests
{
    [Fact]
    public void TenInstances_OneBatch_GatedTakesAboutHalfAsLong()
    {
        var gated = TradeOffRollout.Run(10, vCurrentFraction: 1, CancellationToken.None);
        var watched = TradeOffRollout.Run(10, vCurrentFraction: 0, CancellationToken.None);

        // Virtual time: the same seed gives the same rollout (one batch of the 100-instance trade-off).
        Assert.Equal((26, 51), (gated.TotalSeconds, watched.TotalSeconds));
    }
}
