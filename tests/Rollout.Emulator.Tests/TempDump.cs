using Rollout.Domain.Events;
using Rollout.Emulator.Scenarios;
using Rollout.Emulator.Tests.Support;
using Xunit.Abstractions;

namespace Rollout.Emulator.Tests;

public class TempDump(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var h = new EngineHarness(1);
        var keys = ScenarioRunner.Apply(h.Engine, ScenarioLoader.BuiltIn(Environment.GetEnvironmentVariable("SCN") ?? "coordinated-pulse"));
        h.Run(TimeSpan.FromMinutes(10));
        foreach (var e in h.UpdaterEvents().Select(e => e.Item).Where(e => e is not GatingDecisionMade))
            output.WriteLine($"{(e.Timestamp - EngineHarness.Start).TotalSeconds,6} {e}");
        output.WriteLine($"faults {h.Engine.Faults}");
    }
}
