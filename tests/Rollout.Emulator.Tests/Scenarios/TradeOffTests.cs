using Rollout.Domain.Model;
using Rollout.Emulator.Tests.Support;
using Xunit.Abstractions;

namespace Rollout.Emulator.Tests.Scenarios;

/// <summary>
/// The reason health-driven updates exist, measured in virtual time: the same 100-instance rollout in
/// batches of 10 with the same application timings, once health-gated (vCurrent executors) and once
/// on watch_secs (vPrev executors).
/// </summary>
public class TradeOffTests(ITestOutputHelper output)
{
    private static readonly UpdateSettings Settings = new()
    {
        Strategy = UpdateStrategyKind.Batch, GroupSize = 10, WatchSecs = 45, MaxPerInstanceFailures = 1, MaxFailedInstances = 5,
    };

    private static TimeSpan Rollout(double vCurrentFraction)
    {
        using var h = new EngineHarness(seed: 42);
        var key = h.Update(h.Job("web", 100, vCurrentFraction, hosts: 20), Settings);
        Assert.Equal(UpdateStatus.RolledForward, h.RunToEnd(key));
        return h.Duration(key);
    }

    [Fact]
    public void HealthGating_FinishesSoonerThanWatchSecs()
    {
        var gated = Rollout(vCurrentFraction: 1);
        var watched = Rollout(vCurrentFraction: 0);

        output.WriteLine($"health-gated: {gated.TotalSeconds:F0} s, watch_secs=45: {watched.TotalSeconds:F0} s, ratio {gated / watched:F2}");
        Assert.True(gated < watched * 0.75, $"gated {gated} vs watched {watched}");
        Assert.Equal((260, 510), (Math.Round(gated.TotalSeconds), Math.Round(watched.TotalSeconds))); // the README's figures
    }
}
