using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rollout.Server.Hosting;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;
using Rollout.Server.Upstream;

namespace Rollout.Server.Tests.Faults;

/// <summary>
/// The dashboard's two upstream subscribers and its model, without the web host, on the test's
/// clock: for faults where time matters (backoff, silence), driven with a FakeTimeProvider.
/// </summary>
internal sealed partial class SubscriberRig : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly UpstreamChannel _channel;
    private int _retriesSeen;

    public SubscriberRig(Uri upstream, TimeProvider time, int staleAfterSeconds = 60)
    {
        var options = Options.Create(new UpstreamOptions { Address = upstream.ToString(), StaleAfterSeconds = staleAfterSeconds });
        Model = new DashboardModel(time, TimeSpan.FromSeconds(15));
        _loggers = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        _channel = new UpstreamChannel(options, new ServiceCollection().BuildServiceProvider());
        Status = new StatusSubscriber(_channel, Model, time, options, _loggers.CreateLogger<StatusSubscriber>());
        Updater = new UpdaterSubscriber(_channel, Model, time, options, _loggers.CreateLogger<UpdaterSubscriber>());
    }

    public DashboardModel Model { get; }

    public StatusSubscriber Status { get; }

    public UpdaterSubscriber Updater { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public IEnumerable<string> Lines(LogLevel atLeast) => Logs.Lines.Where(l => l.Level >= atLeast).Select(l => l.Text);

    public async Task StartAsync(bool status = true, bool updater = true)
    {
        if (status) await Status.StartAsync(CancellationToken.None);
        if (updater) await Updater.StartAsync(CancellationToken.None);
    }

    /// <summary>
    /// Waits for the next retry the subscribers scheduled (each is logged once its delay is set on
    /// the clock) and returns its delay, so the test can move the clock by exactly that much.
    /// </summary>
    public async Task<TimeSpan> NextRetryAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var retries = Logs.Lines.Select(l => RetryLine().Match(l.Text)).Where(m => m.Success).ToList();
            if (retries.Count > _retriesSeen)
            {
                return TimeSpan.FromMilliseconds(long.Parse(retries[_retriesSeen++].Groups[1].Value, CultureInfo.InvariantCulture));
            }

            Assert.True(DateTime.UtcNow < deadline, "no retry was scheduled");
            await Task.Delay(10);
        }
    }

    /// <summary>Polls (in real time, bounded) until the condition holds.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Status.StopAsync(stop.Token);
        await Updater.StopAsync(stop.Token);
        Status.Dispose();
        Updater.Dispose();
        _channel.Dispose();
        _loggers.Dispose();
    }

    [GeneratedRegex(@"next attempt in (\d+) ms")]
    private static partial Regex RetryLine();
}
