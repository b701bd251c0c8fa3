using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Streams;
using Rollout.Server.ReadModel;
using Rollout.Server.Tests.Support;
using Rollout.Server.Upstream;

namespace Rollout.Server.Tests.Properties;

/// <summary>
/// One upstream holding the true log and one real dashboard reading it, shared by every case of a
/// test: each case starts with an upstream restart into an empty epoch.
/// </summary>
internal sealed class PropertyRig : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private StatusSubscriber _status = default!;
    private UpdaterSubscriber _updater = default!;

    private PropertyRig(LogScheduler upstream) => Upstream = upstream;

    public LogScheduler Upstream { get; }

    public DashboardApp App { get; private set; } = default!;

    public DashboardModel Model { get; private set; } = default!;

    public static async Task<PropertyRig> StartAsync()
    {
        var rig = new PropertyRig(new LogScheduler());
        try
        {
            await rig.Upstream.StartAsync();
            rig.App = new DashboardApp(
                b => b.ConfigureTestServices(s =>
                {
                    s.RemoveAll<TimeProvider>();
                    s.AddSingleton<TimeProvider>(new QuickRetries(TimeProvider.System));
                }),
                ("Upstream:Address", rig.Upstream.Address.ToString()),
                ("Dashboard:FlushIntervalMs", "10"));
            rig.Model = rig.App.Services.GetRequiredService<DashboardModel>();
            var hosted = rig.App.Services.GetServices<IHostedService>().ToList();
            rig._status = hosted.OfType<StatusSubscriber>().Single();
            rig._updater = hosted.OfType<UpdaterSubscriber>().Single();
            return rig;
        }
        catch
        {
            await rig.DisposeAsync();
            throw;
        }
    }

    /// <summary>A clean slate: the upstream restarts holding nothing, and the dashboard has read it.</summary>
    public async Task BeginCaseAsync()
    {
        Upstream.Restart(_ => false, _ => false);
        await CaughtUpAsync();
    }

    /// <summary>
    /// Waits until both streams hold the upstream's head of its current epoch and every change is
    /// published; then the server's state is final until the upstream changes again.
    /// </summary>
    public async Task CaughtUpAsync()
    {
        using var limit = new CancellationTokenSource(Timeout);
        while (!CaughtUp())
        {
            try
            {
                await Task.Delay(5, limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"the dashboard did not catch up with the upstream ({Upstream.Epoch}, heads {Upstream.Heads}): "
                    + $"status at {_status.Position}, updater at {_updater.Position}, pending changes {Model.HasPendingChanges}, link {Model.Connection.State}");
            }
        }
    }

    /// <summary>The version a browser watching <paramref name="view"/> should be at now.</summary>
    public (string Epoch, long Version) Served(string view)
    {
        var published = Model.Published;
        var version = view == DashboardViews.List ? published.ListVersion : published.Updates.GetValueOrDefault(view)?.Version ?? 0;
        return (published.Epoch, version);
    }

    /// <summary>Whether the server publishes batches for <paramref name="view"/>: the list, or an update it holds.</summary>
    public bool Holds(string view) => view == DashboardViews.List || Model.Published.Updates.ContainsKey(view);

    private bool CaughtUp()
    {
        var epoch = Upstream.Epoch;
        var (status, updater) = Upstream.Heads;
        return _status.Position == new StreamPosition(epoch, status) && _updater.Position == new StreamPosition(epoch, updater) && !Model.HasPendingChanges;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
