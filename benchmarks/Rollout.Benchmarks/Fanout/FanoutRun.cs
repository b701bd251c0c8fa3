using System.Diagnostics;
using Rollout.Benchmarks.Browsers;
using Rollout.Benchmarks.Firehose;
using Rollout.Benchmarks.Hosting;
using Rollout.Domain.Dashboard;

namespace Rollout.Benchmarks.Fanout;

/// <summary>
/// What one phase delivered to the honest clients, how many stuck viewers the server had given up on
/// by its end, and the processor time the whole process (server and clients) took meanwhile.
/// </summary>
/// <param name="Driving">How long applying the changes took: the set rate, unless the model could not keep up.</param>
internal sealed record FanoutPhase(long Received, long Expected, int StuckBehind, TimeSpan Cpu, TimeSpan Wall, TimeSpan Driving);

/// <summary>
/// The real dashboard on loopback Kestrel with a silent upstream, one update of N instances folded
/// into its model, and clients watching that update. Phases drive changes into the model and time
/// their arrival at every honest client; between phases, honest clients can be swapped for stuck
/// ones and back.
/// </summary>
internal sealed class FanoutRun : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QuietAfter = TimeSpan.FromSeconds(2);
    private const int ConnectingAtOnce = 16;

    private readonly SilentScheduler _upstream;
    private readonly DashboardHost _host;
    private readonly ChangeDriver _driver;
    private readonly DeliveryClock _clock;
    private readonly string _updateKey;
    private readonly List<StampedClient> _honest = [];
    private readonly List<WireHubClient> _stuck = [];
    private int _next;

    private FanoutRun(SilentScheduler upstream, DashboardHost host, ChangeDriver driver, DeliveryClock clock, string updateKey)
    {
        _upstream = upstream;
        _host = host;
        _driver = driver;
        _clock = clock;
        _updateKey = updateKey;
    }

    public int HonestClients => _honest.Count;

    public int StuckClients => _stuck.Count;

    /// <param name="changes">How many changes the whole run may drive (the clock's capacity).</param>
    public static async Task<FanoutRun> StartAsync(int instances, int perSecond, int changes, CancellationToken cancellationToken)
    {
        var upstream = await SilentScheduler.StartAsync(cancellationToken);
        DashboardHost? host = null;
        try
        {
            host = DashboardHost.Start([KeyValuePair.Create("Upstream:Address", upstream.Address.ToString())]);
            var model = host.Model;
            await Until(() => model.Connection.State == UpstreamState.Live, "the dashboard to connect to its upstream", cancellationToken);

            var workload = FirehoseWorkload.Create(instances, progressUpdates: 3);
            model.ApplyUpdater(workload.Started);
            foreach (var e in workload.Events) model.ApplyStatus(e);
            var key = DashboardKeys.Of(FirehoseWorkload.Update);
            await Until(() => model.UpdateSnapshot(key).DecodeRows().Count(i => i.TaskStatus is not null) == instances, "the update to be published", cancellationToken);

            var clock = new DeliveryClock(changes);
            return new FanoutRun(upstream, host, new ChangeDriver(model, workload, clock, perSecond), clock, key);
        }
        catch
        {
            if (host is not null) await host.DisposeAsync();
            await upstream.DisposeAsync();
            throw;
        }
    }

    public async Task AddHonestAsync(int count, CancellationToken cancellationToken)
    {
        _honest.AddRange(await ConnectManyAsync(count, () => StampedClient.ConnectAsync(_host.HubAddress, _updateKey, _clock, ConnectTimeout, cancellationToken), cancellationToken));
        await SettleAsync(cancellationToken);
    }

    /// <summary>Swaps honest clients for ones that subscribe and then never read their socket again.</summary>
    public async Task ReplaceWithStuckAsync(int count, CancellationToken cancellationToken)
    {
        var leaving = _honest.TakeLast(count).ToList();
        _honest.RemoveRange(_honest.Count - leaving.Count, leaving.Count);
        await Task.WhenAll(leaving.Select(c => c.DisposeAsync().AsTask()));

        _stuck.AddRange(await ConnectManyAsync(count, async () =>
        {
            var client = await WireHubClient.ConnectAsync(_host.HubAddress, HubProtocols.Json, ConnectTimeout, cancellationToken);
            await client.InvokeAsync(nameof(IDashboardHub.SubscribeUpdate), typeof(UpdateSnapshot), _updateKey);
            return client;
        }, cancellationToken));
        await SettleAsync(cancellationToken);
    }

    /// <summary>Drops the stuck clients and brings back as many honest ones.</summary>
    public async Task ReplaceStuckAsync(CancellationToken cancellationToken)
    {
        var count = _stuck.Count;
        await Task.WhenAll(_stuck.Select(c => c.DisposeAsync().AsTask()));
        _stuck.Clear();
        await AddHonestAsync(count, cancellationToken);
    }

    /// <summary>
    /// Drives <paramref name="changes"/> changes and times their arrival into <paramref name="delays"/>,
    /// then waits (within bounds) for every honest client to have every one of them.
    /// </summary>
    public async Task<FanoutPhase> MeasureAsync(int changes, LatencyHistogram delays, CancellationToken cancellationToken)
    {
        if (_next + changes > _clock.Changes) throw new InvalidOperationException($"the run was sized for {_clock.Changes} changes");
        var from = _next;
        _next += changes;

        var before = _honest.Sum(c => c.Receipts);
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.StartNew();
        _clock.Measure(from, from + changes, delays);
        await _driver.RunAsync(from, changes, cancellationToken);
        var driving = wall.Elapsed;

        // Until every honest client has every change, or deliveries stopped coming (a client told to
        // resnapshot never gets the rows it missed): the next phase must not start with a backlog.
        var expected = (long)changes * _honest.Count;
        var drainUntil = DateTime.UtcNow + DrainTimeout;
        var received = _honest.Sum(c => c.Receipts) - before;
        var lastProgress = DateTime.UtcNow;
        while (received < expected && DateTime.UtcNow < drainUntil && DateTime.UtcNow - lastProgress < QuietAfter)
        {
            await Task.Delay(50, cancellationToken);
            var now = _honest.Sum(c => c.Receipts) - before;
            if (now > received) lastProgress = DateTime.UtcNow;
            received = now;
        }

        _clock.StopMeasuring();
        return new FanoutPhase(_honest.Sum(c => c.Receipts) - before, expected, _host.Viewers.Behind, Environment.CpuUsage.TotalTime - cpu, wall.Elapsed, driving);
    }

    /// <summary>Departed connections gone and new ones registered, before anything is measured.</summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        var viewers = _host.Viewers;
        await Until(() => viewers.Count == _honest.Count + _stuck.Count, "the viewers to settle", cancellationToken,
            () => $"{viewers.Count} viewers for {_honest.Count} honest and {_stuck.Count} stuck clients");
    }

    private static async Task<List<T>> ConnectManyAsync<T>(int count, Func<Task<T>> connect, CancellationToken cancellationToken)
        where T : IAsyncDisposable
    {
        using var gate = new SemaphoreSlim(ConnectingAtOnce);
        var connecting = Enumerable.Range(0, count).Select(async _ =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await connect();
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        try
        {
            return [.. await Task.WhenAll(connecting)];
        }
        catch
        {
            // Those that did connect are closed, not leaked.
            await Task.WhenAll(connecting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result.DisposeAsync().AsTask()));
            throw;
        }
    }

    private static async Task Until(Func<bool> condition, string what, CancellationToken cancellationToken, Func<string>? state = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}{(state is null ? "" : $": {state()}")}");
            await Task.Delay(20, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Clients first, so the server has no open connection to wait for when it stops.
        await Task.WhenAll(_stuck.Select(c => c.DisposeAsync().AsTask()).Concat(_honest.Select(c => c.DisposeAsync().AsTask())));
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }
}
