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

public class TempPerf(ITestOutputHelper output)
{
    [Fact]
    public void Perf()
    {
        for (var round = 0; round < 3; round++)
        {
            using var h = new EngineHarness(1);
            var job = h.Job("big", 10_000, 1.0, hosts: 200);
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var head0 = h.Engine.StatusLog.Head;
            var key = h.Update(job, new Rollout.Domain.Model.UpdateSettings { Strategy = Rollout.Domain.Model.UpdateStrategyKind.Batch, GroupSize = 500, WatchSecs = 30 });
            var st = h.RunToEnd(key);
            sw.Stop();
            var n = h.Engine.StatusLog.Head - head0;
            output.WriteLine($"{st} {n} events in {sw.ElapsedMilliseconds} ms = {n / sw.Elapsed.TotalSeconds:F0}/s; updater {h.Engine.UpdaterLog.Head}");
        }
    }
}
