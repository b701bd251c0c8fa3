using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Updates;
using Rollout.Server.Hosting;
using Rollout.Server.Tests.Support;
using Rollout.Server.Upstream;

namespace Rollout.Server.Tests.Audit;

public class UpstreamControlTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static UpstreamChannel Channel(Uri address) =>
        new(Options.Create(new UpstreamOptions { Address = address.ToString() }), new ServiceCollection().BuildServiceProvider());

    [Fact]
    public async Task SendAsync_ConnectionRefused_IsUnavailableNotUnknown()
    {
        using var channel = Channel(new Uri($"http://127.0.0.1:{ExternalEmulator.FreePort()}"));
        var control = new UpstreamControl(channel, new FakeTimeProvider());

        var result = await control.SendAsync(ControlCommand.Pause, Events.Key, "dana", "hold", CancellationToken.None).WaitAsync(Wait);

        Assert.Equal(ControlOutcome.UpstreamUnavailable, result.Outcome);
    }

    [Fact]
    public async Task SendAsync_NoAnswerBeforeTheDeadline_IsOutcomeUnknown()
    {
        await using var upstream = new ScriptedScheduler();
        await upstream.StartAsync();
        using var channel = Channel(upstream.Address);
        var time = new FakeTimeProvider();
        var control = new UpstreamControl(channel, time);

        var pending = control.SendAsync(ControlCommand.Abort, Events.Key, "dana", "stop", CancellationToken.None);
        await upstream.ControlRequests.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(ControlResult.Unknown("no answer within 10 s"), await pending.WaitAsync(Wait));
    }

    [Fact]
    public async Task SendAsync_CallerLeavesWhileWaiting_IsOutcomeUnknown()
    {
        await using var upstream = new ScriptedScheduler();
        await upstream.StartAsync();
        using var channel = Channel(upstream.Address);
        using var browser = new CancellationTokenSource();
        var control = new UpstreamControl(channel, new FakeTimeProvider());

        var pending = control.SendAsync(ControlCommand.Resume, Events.Key, "dana", "go", browser.Token);
        await upstream.ControlRequests.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        await browser.CancelAsync();

        Assert.Equal(ControlResult.Unknown("the browser's connection dropped while waiting for the answer"), await pending.WaitAsync(Wait));
    }
}
