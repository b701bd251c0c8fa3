using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Rollout.Server.Tests.Support;
using static Rollout.Server.Tests.Faults.Scripts;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// An upstream that answers and dies, again and again, is slowed down by the backoff however much it
/// says before dying: a watch that ends at once is an error (as in Kubernetes' reflector), and only
/// a connection that held for a while starts the delays over. On the test's clock, so exact.
/// </summary>
public class FlappingUpstreamTests
{
    private static readonly DateTimeOffset T0 = Events.T0;

    [Fact]
    public async Task StreamEndingAtOnce_Repeatedly_BacksOffAndBoundsConnectsPerMinute()
    {
        var time = new FakeTimeProvider(T0);
        await using var upstream = new FlakyScheduler(time) { Updater = (_, _) => [] }; // headers, then the stream ends
        await upstream.StartAsync();
        await using var rig = new SubscriberRig(upstream.Address, time);
        await rig.StartAsync(status: false);

        var delays = await RunForAsync(rig, time, TimeSpan.FromMinutes(3));

        AssertSlowedDown(delays, upstream.UpdaterSubscriptions);
        Assert.Contains(rig.Lines(LogLevel.Warning), l => l.Contains("the upstream ended the stream", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SnapshotThenDeath_Repeatedly_StillBacksOff()
    {
        var time = new FakeTimeProvider(T0);
        await using var upstream = new FlakyScheduler(time)
        {
            Updater = (attempt, _) => UpdaterSnapshot("e1", 1, attempt == 1 ? "new subscriber" : "sequence no longer retained", Events.Started()),
        };
        await upstream.StartAsync();
        await using var rig = new SubscriberRig(upstream.Address, time);
        await rig.StartAsync(status: false);

        var delays = await RunForAsync(rig, time, TimeSpan.FromMinutes(3));

        AssertSlowedDown(delays, upstream.UpdaterSubscriptions);

        // Every reconnect and every snapshot is counted and logged once, with its reason and the counts so far.
        var connects = upstream.UpdaterSubscriptions.Count;
        Assert.Equal(connects, rig.Model.Connection.Snapshots);
        Assert.Equal(connects - 1, rig.Model.Connection.Reconnects);
        var lines = rig.Lines(LogLevel.Information).ToList();
        Assert.Equal(rig.Model.Connection.Reconnects, lines.Count(l => l.Contains("stream reconnected after", StringComparison.Ordinal)));
        Assert.Equal(rig.Model.Connection.Snapshots, lines.Count(l => l.Contains("snapshot at e1:1", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains("reason: new subscriber; replaced the state (new epoch", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("reason: sequence no longer retained; merged (same epoch", StringComparison.Ordinal));

        // Failed attempts do not flood the log: one warning per interval, saying how many it stands for.
        var warnings = rig.Lines(LogLevel.Warning).Count(l => l.Contains("stream failed", StringComparison.Ordinal));
        Assert.InRange(warnings, 1, 7); // three minutes, one line per 30 s at most
    }

    /// <summary>Moves the clock by exactly each delay the subscriber sets, until <paramref name="span"/> has passed on it; returns the delays.</summary>
    private static async Task<List<TimeSpan>> RunForAsync(SubscriberRig rig, FakeTimeProvider time, TimeSpan span)
    {
        var delays = new List<TimeSpan>();
        while (true)
        {
            var delay = await rig.NextRetryAsync();
            delays.Add(delay);
            if (time.GetUtcNow() - T0 >= span) return delays; // the subscriber now waits on the clock: nothing more happens
            time.Advance(delay);
        }
    }

    private static void AssertSlowedDown(List<TimeSpan> delays, IEnumerable<DateTimeOffset> connects)
    {
        for (var i = 1; i < 6; i++) Assert.True(delays[i] > delays[i - 1], $"delay {i} ({delays[i]}) does not grow from {delays[i - 1]}");
        Assert.All(delays[8..], d => Assert.InRange(d.TotalSeconds, 8, 10));

        var perMinute = connects.GroupBy(c => (int)(c - T0).TotalMinutes).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        Assert.True(perMinute[0] <= 12, $"{perMinute[0]} connects in the first minute");
        Assert.All(perMinute[1..], n => Assert.True(n <= 7, $"{n} connects in a later minute"));
    }
}
