using Rollout.Benchmarks.Cases;
using Rollout.Benchmarks.Fanout;

namespace Rollout.Benchmarks.Tests;

public class FanoutTests
{
    [Fact]
    public void Histogram_Percentiles_AreExactToTheBin()
    {
        var delays = new LatencyHistogram();
        Assert.Equal(0, delays.Percentile(0.99));

        for (var ms = 1; ms <= 100; ms++) delays.Record(ms);
        delays.Record(-3); // a clock read a hair early counts as no delay
        delays.Record(120_000); // past the last bin: counted in it, not lost

        Assert.Equal(102, delays.Count);
        Assert.Equal(0.005, delays.Percentile(0), 9);
        Assert.Equal(50.005, delays.Percentile(0.5), 9);
        Assert.Equal(100.5, delays.Percentile(0.99), 9);
        Assert.Equal(60_000.5, delays.Percentile(1), 9); // the overflow bin: a minute or more
    }

    [Fact]
    public void Clock_CountsOnlyReceiptsOfTheMeasuredChanges()
    {
        var clock = new DeliveryClock(changes: 10);
        for (var seq = 0; seq < 10; seq++) clock.Applying(seq);
        var delays = new LatencyHistogram();

        Assert.False(clock.Received(DeliveryClock.Base + 3, System.Diagnostics.Stopwatch.GetTimestamp())); // nothing measured yet
        clock.Measure(from: 4, to: 8, delays);
        Assert.False(clock.Received(2, System.Diagnostics.Stopwatch.GetTimestamp())); // a real progress report, not a change
        Assert.False(clock.Received(DeliveryClock.Base + 3, System.Diagnostics.Stopwatch.GetTimestamp()));
        Assert.True(clock.Received(DeliveryClock.Base + 4, System.Diagnostics.Stopwatch.GetTimestamp()));
        Assert.True(clock.Received(DeliveryClock.Base + 7, System.Diagnostics.Stopwatch.GetTimestamp()));
        Assert.False(clock.Received(DeliveryClock.Base + 8, System.Diagnostics.Stopwatch.GetTimestamp()));
        clock.StopMeasuring();
        Assert.False(clock.Received(DeliveryClock.Base + 5, System.Diagnostics.Stopwatch.GetTimestamp()));

        Assert.Equal(2, delays.Count);
    }

    [Fact]
    public async Task TinyFanout_EveryHonestClientGetsEveryChange_WithAndWithoutAStuckOne()
    {
        var values = await new FanoutBenchmark().RunAsync(TinySettings.Value, CancellationToken.None);

        Assert.Equal(4, values["fanout_clients"]);
        Assert.Equal(1, values["slow_clients"]);
        Assert.Equal(1, values["fanout_delivered_ratio"]);
        Assert.True(values["fanout_p50_ms"] > 0 && values["fanout_p99_ms"] >= values["fanout_p50_ms"]);
        Assert.True(values["slow_client_p99_penalty_ratio"] > 0);
    }
}
