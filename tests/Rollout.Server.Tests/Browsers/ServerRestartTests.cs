using Rollout.Client.Services;
using Rollout.Domain.Dashboard;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Browsers;

/// <summary>The dashboard server restarts where the browser looks for it: the browser reconnects and shows the new server's state, nothing of the old.</summary>
public class ServerRestartTests
{
    private const string Api = "payments/prod/api#api-1";
    private const string Web = "www-data/prod/web#web-1";

    [Fact]
    public async Task DashboardServerRestarts_BrowserResyncsOnTheNewEpoch_NothingStale()
    {
        var port = ExternalEmulator.FreePort();
        var address = ("urls", $"http://127.0.0.1:{port}");
        var first = new DashboardApp(address, ("Emulator:Scenarios", "mixed-executors"));
        await using var browser = new TestBrowser(first.BaseAddress);
        string? epoch;
        try
        {
            await browser.StartAsync();
            await browser.WatchAsync(DashboardViews.List);
            await browser.WaitUntil(s => s.Update(Api) is not null, "the first server's update");
            epoch = await browser.ReadAsync(s => s.Epoch);
        }
        finally
        {
            await first.DisposeAsync();
        }

        await browser.WaitUntil(_ => browser.Connection.State != HubState.Connected, "the browser notices the server is gone");
        await using var second = new DashboardApp(address, ("Emulator:Scenarios", "healthy-rollout"));
        await browser.WaitUntil(s => s.Update(Web) is not null && browser.Connection.State == HubState.Connected, "the restarted server's update");

        var shown = await browser.ReadAsync(s => (s.Epoch, Keys: s.Updates.Select(u => u.Key).ToList()));
        Assert.NotEqual(epoch, shown.Epoch);
        Assert.Equal([Web], shown.Keys); // the old server's update is gone
        Assert.Equal(1, browser.Counts.Reconnects);
        Assert.Equal(1, browser.Counts.AfterReconnect);
        Assert.Contains(browser.Logs.Lines, l => l.Text.Contains("Reconnected to the dashboard server (reconnect 1)", StringComparison.Ordinal));
    }
}
