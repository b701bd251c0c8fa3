using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;
using static Rollout.Server.Tests.Faults.Scripts;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// A link that dies without a word (the peer gone with no FIN, or a black hole) is found by the
/// channel's HTTP/2 keepalive pings within the configured delay + timeout; browsers then see the
/// data marked stale, the outage is logged, and the stream comes back once the link does.
/// </summary>
public class DeadLinkTests
{
    private const string WebKey = "www-data/prod/web#web-1";

    public enum Fault
    {
        HalfOpen,
        Stall,
    }

    [Theory]
    [InlineData(Fault.HalfOpen)]
    [InlineData(Fault.Stall)]
    public async Task DeadLink_FoundByKeepAlivePings_DataShownStaleThenLiveAgain(Fault fault)
    {
        await using var upstream = new ScriptedScheduler();
        upstream.UpdaterScript.AddRange(UpdaterSnapshot("e1", 1, "new subscriber", Events.Started(instances: 2)));
        upstream.StatusScript.AddRange(StatusSnapshot("e1", 2, "new subscriber",
            Events.TaskUpdate(0, "t0", TaskState.Running, 5), Events.TaskUpdate(1, "t1", TaskState.Starting, 6)));
        await upstream.StartAsync();
        await using var proxy = new FaultProxy(upstream.Address);
        var logs = new CapturingLoggerProvider();
        using var app = new DashboardApp(b => b.ConfigureLogging(l => l.AddProvider(logs)),
            ("Upstream:Address", proxy.Address.ToString()),
            ("Upstream:KeepAlivePingDelaySeconds", "1"),
            ("Upstream:KeepAlivePingTimeoutSeconds", "1"),
            ("Upstream:StaleAfterSeconds", "3600")); // only the pings can find it here
        await app.WaitUntilLiveAsync();
        await using var client = await app.ConnectAsync(WebKey);
        await client.WaitUntil(s => s.Connection.State == UpstreamState.Live && s.Instances.Count == 2, "live");

        if (fault == Fault.HalfOpen) proxy.HalfOpen();
        else proxy.Stall();

        await client.WaitUntil(s => s.Connection.State is UpstreamState.Reconnecting or UpstreamState.Lost,
            "the dead link found and the data shown stale", TimeSpan.FromSeconds(30));
        Assert.Equal(2, await client.ReadAsync(s => s.Instances.Count)); // stale, not dropped
        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains("stream failed", StringComparison.Ordinal));

        proxy.Heal();
        await client.WaitUntil(s => s.Connection is { State: UpstreamState.Live, Reconnects: > 0 }, "back once the link is", TimeSpan.FromSeconds(60));
        var model = app.Services.GetRequiredService<DashboardModel>();
        Assert.Equal(0, model.Connection.RejectedEvents);
        Assert.Contains(logs.Lines, l => l.Text.Contains("stream reconnected after", StringComparison.Ordinal));
    }
}
