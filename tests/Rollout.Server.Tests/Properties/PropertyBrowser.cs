using Rollout.Client.Services;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Properties;

/// <summary>
/// A browser of a case: the browser's own connection code (<see cref="TestBrowser"/>) on a wire the
/// test can tamper with, and the faults a case puts it through. Everything but <see cref="Stall"/>
/// first lets a stalled page go, as a busy page finishes its work before anything else happens.
/// </summary>
internal sealed class PropertyBrowser : IAsyncDisposable
{
    /// <summary>A stalled page goes on by itself after this, should the case never let it go.</summary>
    private static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(20);

    private readonly Uri _server;
    private TestBrowser _browser = default!;
    private InterceptingProtocol? _wire;
    private ManualResetEventSlim? _stall;
    private Task? _stalled;
    private int _pastSnapshots;

    private PropertyBrowser(Uri server, string view)
    {
        _server = server;
        View = view;
    }

    public string View { get; private set; }

    /// <summary>Snapshots taken by this browser's earlier pages (reloads) and its current one.</summary>
    public int Snapshots => _pastSnapshots + _browser.Snapshots;

    public static async Task<PropertyBrowser> OpenAsync(Uri server, string view)
    {
        var browser = new PropertyBrowser(server, view);
        await browser.OpenPageAsync();
        return browser;
    }

    /// <summary>The connection drops (the hub stops); the browser's code notices and connects again by itself.</summary>
    public async Task DropConnectionAsync()
    {
        await ReleaseAsync();
        await _browser.Hub.StopAsync().WaitAsync(TestBrowser.Timeout);
    }

    /// <summary>The page is closed and opened again on the same view.</summary>
    public async Task ReloadAsync()
    {
        await ReleaseAsync();
        _pastSnapshots += _browser.Snapshots;
        await _browser.DisposeAsync();
        await OpenPageAsync();
    }

    /// <summary>The page's thread is busy: nothing the server sends is handled until it is let go.</summary>
    public void Stall()
    {
        if (_stall is not null) return;
        var stall = new ManualResetEventSlim();
        _stall = stall;
        _stalled = _browser.OnPageAsync(() => stall.Wait(StallLimit));
    }

    /// <summary>The server replaces the next batch for this browser with its "you fell behind" order.</summary>
    public async Task FallBehindAsync()
    {
        await ReleaseAsync();
        _ = _wire!.FellBehindAt(_ => true);
    }

    public async Task SwitchAsync(string view)
    {
        await ReleaseAsync();
        View = view;
        await _browser.WatchAsync(view);
    }

    /// <summary>Lets a stalled page go and waits until it has.</summary>
    public async Task ReleaseAsync()
    {
        if (_stall is not { } stall) return;
        stall.Set();
        await _stalled!.WaitAsync(TestBrowser.Timeout);
        stall.Dispose();
        _stall = null;
        _stalled = null;
    }

    /// <summary>
    /// Waits until the page is connected and shows the version the server serves for its view; then
    /// what it shows. A view of an update the server does not hold gets no batches at all, so its
    /// (epoch, version) tag may lag until the update appears, and its new epoch makes the page
    /// resnapshot; there it is enough that the page shows <paramref name="expected"/>.
    /// </summary>
    public async Task<ViewProjection> SettledAsync(PropertyRig rig, ViewProjection expected, TimeSpan timeout)
    {
        await ReleaseAsync();
        await _browser.WaitUntil(
            s => s.View == View && _browser.Connection.State == HubState.Connected
                && (rig.Holds(View) ? (s.Epoch, s.Version) == rig.Served(View) : expected.Diff(ViewProjection.Of(s, View)).Count == 0),
            $"browser on {View} current", timeout);
        return await _browser.ReadAsync(s => ViewProjection.Of(s, View));
    }

    /// <summary>What the page shows and where it stands, for a failure report.</summary>
    public Task<string> DescribeAsync() =>
        _browser.ReadAsync(s => $"browser on {View}: store view {s.View}, epoch {s.Epoch}, version {s.Version}, filling {s.Filling}, "
            + $"state {_browser.Connection.State}, counts {_browser.Counts}");

    public Task<ViewProjection> ShownAsync() => _browser.ReadAsync(s => ViewProjection.Of(s, View));

    private async Task OpenPageAsync()
    {
        _wire = null;
        _browser = new TestBrowser(_server, protocol: p => _wire = new InterceptingProtocol(p));
        try
        {
            await _browser.StartAsync();
            await _browser.WatchAsync(View);
        }
        catch
        {
            await _browser.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await _browser.DisposeAsync();
    }
}
