using Microsoft.Extensions.Time.Testing;
using Rollout.Server.Upstream;

namespace Rollout.Server.Tests.Upstream;

public class IdleWatchdogTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Check_SilentForTheLimit_Cancels()
    {
        using var cancel = new CancellationTokenSource();
        using var watchdog = new IdleWatchdog(_time, TimeSpan.FromSeconds(60), cancel);

        _time.Advance(TimeSpan.FromSeconds(45));
        Assert.False(cancel.IsCancellationRequested);
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(cancel.IsCancellationRequested);
        Assert.True(watchdog.Fired);
    }

    [Fact]
    public void Touch_EveryMessage_KeepsTheStream()
    {
        using var cancel = new CancellationTokenSource();
        using var watchdog = new IdleWatchdog(_time, TimeSpan.FromSeconds(60), cancel);

        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(50));
            watchdog.Touch();
        }

        Assert.False(cancel.IsCancellationRequested);
        Assert.False(watchdog.Fired);
    }

    [Fact]
    public void Dispose_StopsChecking()
    {
        using var cancel = new CancellationTokenSource();
        var watchdog = new IdleWatchdog(_time, TimeSpan.FromSeconds(60), cancel);

        watchdog.Dispose();
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.False(cancel.IsCancellationRequested);
    }
}
