using Microsoft.Extensions.Logging;
using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Browsers;

/// <summary>
/// The browser's connection starting, retrying and stopping: a failed start is not kept, nothing
/// runs after it is disposed, and a failure that repeats is logged once with its count. Its retry
/// waits run on <see cref="ManualTimers"/>, fired by the test.
/// </summary>
public class ConnectionLifecycleTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly string Category = typeof(DashboardConnection).FullName!;

    [Fact]
    public async Task StartAsync_FirstStartFailed_NextCallStartsAfresh()
    {
        using var app = new DashboardApp();
        var builds = 0;
        await using var browser = new TestBrowser(app.BaseAddress, beforeBuild: () =>
        {
            if (++builds == 1) throw new InvalidOperationException("the page's address is not known yet");
        });

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(browser.StartAsync);
        await browser.StartAsync();

        Assert.Equal("the page's address is not known yet", failed.Message);
        Assert.Equal(2, builds);
        Assert.Equal(HubState.Connected, browser.Connection.State);
        Assert.Equal(DashboardApp.UserName, browser.Connection.User?.Name);
        var logged = Assert.Single(Lines(browser, LogLevel.Warning));
        Assert.Contains("Starting the dashboard connection failed: InvalidOperationException: the page's address is not known yet", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_WhileWaitingToRetry_NothingRunsAfterIt()
    {
        var timers = new ManualTimers();
        var browser = new TestBrowser(Nowhere(), time: timers);
        await using var _ = browser;
        var starting = await browser.BeginOnPageAsync(browser.Connection.StartAsync);
        var retry = await timers.NextAsync(Timeout); // two attempts refused (the first retry is at once); waiting 1 s for the third
        var attempts = browser.TokenRequests;
        var changes = await CountStateChangesAsync(browser);

        await browser.RunOnPageAsync(() => browser.Connection.DisposeAsync().AsTask());
        await starting.WaitAsync(Timeout); // the start ends with the connection, instead of waiting on
        retry.Fire(); // too late: its wait was cancelled
        await browser.OnPageAsync(() => true); // whatever that queued on the page has run

        Assert.Equal(TimeSpan.FromSeconds(1), retry.DueTime);
        Assert.True(retry.Done);
        Assert.Equal(1, timers.Count);
        Assert.Equal(attempts, browser.TokenRequests);
        Assert.Equal(0, changes());
        Assert.Equal(HubState.Disconnected, browser.Connection.State);
    }

    [Fact]
    public async Task DisposeAsync_Connected_TheClosedEventStartsNothing()
    {
        using var app = new DashboardApp();
        var timers = new ManualTimers();
        await using var browser = new TestBrowser(app.BaseAddress, time: timers);
        await browser.StartAsync();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        browser.Hub.Closed += _ => // after the browser's own handler, which queues its work on the page
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        var changes = await CountStateChangesAsync(browser);
        var lines = browser.Logs.Lines.Count;
        var attempts = browser.TokenRequests;

        await browser.RunOnPageAsync(() => browser.Connection.DisposeAsync().AsTask());
        await closed.Task.WaitAsync(Timeout);
        await browser.OnPageAsync(() => true); // the browser's close handler has run

        Assert.Equal(0, changes());
        Assert.Equal(lines, browser.Logs.Lines.Count);
        Assert.Equal(attempts, browser.TokenRequests);
        Assert.Equal(0, timers.Count);
        Assert.Equal(HubState.Connected, browser.Connection.State); // the last state it had: nothing ran after disposal
    }

    [Fact]
    public async Task StartAsync_ServerDownThenUp_OneWarningAndOneLineWithTheCount()
    {
        var server = Nowhere();
        var timers = new ManualTimers();
        await using var browser = new TestBrowser(server, time: timers);
        var starting = await browser.BeginOnPageAsync(browser.Connection.StartAsync);

        // Refused at once and after 0 s, then after waits of 1 s and 2 s; the server comes up during the 5 s wait.
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 2; i++)
        {
            var wait = await timers.NextAsync(Timeout);
            waits.Add(wait.DueTime);
            wait.Fire();
        }

        var last = await timers.NextAsync(Timeout);
        waits.Add(last.DueTime);
        using var app = new DashboardApp(("urls", $"http://127.0.0.1:{server.Port}"));
        last.Fire();
        await starting.WaitAsync(Timeout);

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)], waits);
        var warning = Assert.Single(Lines(browser, LogLevel.Warning));
        Assert.Contains("Connecting to the dashboard server failed: HttpRequestException: Connection refused", warning, StringComparison.Ordinal);
        var recovered = Assert.Single(Lines(browser, LogLevel.Information), l => l.Contains("works again", StringComparison.Ordinal));
        Assert.Contains("Connecting to the dashboard server works again after 4 failure(s) in a row: 4× HttpRequestException: Connection refused", recovered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchUpdateAsync_ServerRefusesTheView_LoggedOnceThenCountedWhenItWorksAgain()
    {
        using var app = new DashboardApp();
        await using var browser = new TestBrowser(app.BaseAddress);
        await browser.StartAsync();

        for (var i = 0; i < 3; i++) await browser.WatchAsync("not-a-key"); // the page goes on; the refusal is not swallowed
        await browser.WatchAsync(DashboardViews.List);

        var warning = Assert.Single(Lines(browser, LogLevel.Warning));
        Assert.Contains("Loading a snapshot failed: HubException:", warning, StringComparison.Ordinal);
        Assert.Contains("'not-a-key' is not an update key", warning, StringComparison.Ordinal);
        var recovered = Assert.Single(Lines(browser, LogLevel.Information), l => l.Contains("works again", StringComparison.Ordinal));
        Assert.Contains("Loading a snapshot works again after 3 failure(s) in a row: 3× HubException:", recovered, StringComparison.Ordinal);
        Assert.True(await browser.ReadAsync(s => s.Shows(DashboardViews.List)));
    }

    /// <summary>A loopback address nothing listens on.</summary>
    private static Uri Nowhere() => new($"http://127.0.0.1:{ExternalEmulator.FreePort()}");

    private static List<string> Lines(TestBrowser browser, LogLevel level) =>
        [.. browser.Logs.Lines.Where(l => l.Category == Category && l.Level == level).Select(l => l.Text)];

    /// <summary>Counts the connection's state changes from now on, as the page sees them.</summary>
    private static async Task<Func<int>> CountStateChangesAsync(TestBrowser browser)
    {
        var count = 0;
        await browser.OnPageAsync(() =>
        {
            browser.Connection.StateChanged += () => Interlocked.Increment(ref count);
            return true;
        });
        return () => Volatile.Read(ref count);
    }
}
