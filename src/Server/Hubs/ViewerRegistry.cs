using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using Rollout.Domain.Dashboard;
using Rollout.Server.Hosting;
using Rollout.Server.ReadModel;

namespace Rollout.Server.Hubs;

/// <summary>Every connected browser and what it watches; routes each view's batch to that view's viewers only.</summary>
public sealed class ViewerRegistry : IChangeRouter, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Viewer> _viewers = new(StringComparer.Ordinal);
    private readonly IOptions<DashboardOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ViewerRegistry> _logger;
    private readonly Lock _watchdogGate = new();
    private ITimer? _watchdog;
    private long _pastResyncs;
    private long _deltaBytes;

    /// <remarks>Options are read at the first connection, not here: they are validated when the app starts, after this is built.</remarks>
    public ViewerRegistry(IOptions<DashboardOptions> options, TimeProvider time, ILogger<ViewerRegistry> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    public int Count => _viewers.Count;

    /// <summary>Viewers currently behind (told to resnapshot, not yet caught up).</summary>
    public int Behind => _viewers.Values.Count(v => v.Behind);

    /// <summary>How often any viewer (connected now or not) fell behind since start.</summary>
    public long Resyncs => Interlocked.Read(ref _pastResyncs) + _viewers.Values.Sum(v => (long)v.Resyncs);

    /// <summary>Bytes of change batches (and resync notices) handed to browser connections since start.</summary>
    public long DeltaBytesSent => Interlocked.Read(ref _deltaBytes);

    internal void Connected(HubConnectionContext connection) => Connected(connection.ConnectionId, (message, token) => CountedWrite(connection, message, token), connection.Abort);

    /// <summary>The bytes are the connection's protocol's serialization, made once per protocol and cached by the message.</summary>
    private ValueTask CountedWrite(HubConnectionContext connection, SerializedHubMessage message, CancellationToken token)
    {
        Interlocked.Add(ref _deltaBytes, message.GetSerializedMessage(connection.Protocol).Length);
        return connection.WriteAsync(message, token);
    }

    internal void Connected(string connectionId, Func<SerializedHubMessage, CancellationToken, ValueTask> write, Action abort)
    {
        var stuckAfter = TimeSpan.FromSeconds(_options.Value.StuckViewerSeconds);
        StartWatchdog(stuckAfter);
        _viewers[connectionId] = new Viewer(connectionId, write, abort, _options.Value.ViewerQueueBatches, stuckAfter, _time, _logger);
    }

    /// <summary>
    /// One watchdog for all viewers: a send stuck for <paramref name="stuckAfter"/> is noticed within a
    /// quarter of that (at most a second) more.
    /// </summary>
    private void StartWatchdog(TimeSpan stuckAfter)
    {
        if (Volatile.Read(ref _watchdog) is not null) return;
        lock (_watchdogGate)
        {
            if (_watchdog is not null) return;
            var every = TimeSpan.FromTicks(Math.Min(stuckAfter.Ticks / 4, TimeSpan.TicksPerSecond));
            Volatile.Write(ref _watchdog, _time.CreateTimer(_ => CheckStuck(), null, every, every));
        }
    }

    internal async Task DisconnectedAsync(string connectionId)
    {
        if (!_viewers.TryRemove(connectionId, out var viewer)) return;
        Interlocked.Add(ref _pastResyncs, viewer.Resyncs);
        await viewer.DisposeAsync();
    }

    /// <summary>From now on the connection receives this view's batches (and no other view's).</summary>
    public void Watch(string connectionId, string view)
    {
        if (_viewers.TryGetValue(connectionId, out var viewer)) viewer.View = view;
    }

    /// <summary>Hands each batch to its viewers' outboxes; never waits for a browser. Each batch is serialized once per protocol.</summary>
    public void Route(ChangeSet changes)
    {
        var messages = new Dictionary<string, SerializedHubMessage>(StringComparer.Ordinal);
        foreach (var viewer in _viewers.Values)
        {
            if (viewer.View is not { } view || !changes.Batches.TryGetValue(view, out var batch)) continue;
            if (!messages.TryGetValue(view, out var message))
            {
                message = new SerializedHubMessage(new InvocationMessage(nameof(IDashboardClient.ReceiveDeltas), [batch]));
                messages[view] = message;
            }

            viewer.Enqueue(message);
        }
    }

    private void CheckStuck()
    {
        foreach (var viewer in _viewers.Values) viewer.CheckStuck();
    }

    public async ValueTask DisposeAsync()
    {
        ITimer? watchdog;
        lock (_watchdogGate) watchdog = _watchdog;
        if (watchdog is not null) await watchdog.DisposeAsync();
        foreach (var id in _viewers.Keys.ToList()) await DisconnectedAsync(id);
    }
}

/// <summary>Where published changes go: the viewers of each view.</summary>
public interface IChangeRouter
{
    /// <summary>Must not wait for any browser.</summary>
    void Route(ChangeSet changes);
}

/// <summary>SignalR's own connection tracking, plus ours: the registry needs each connection to write to it directly.</summary>
internal sealed class ViewerTrackingLifetimeManager(ViewerRegistry registry, ILogger<DefaultHubLifetimeManager<DashboardHub>> logger)
    : DefaultHubLifetimeManager<DashboardHub>(logger)
{
    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await base.OnConnectedAsync(connection);
        registry.Connected(connection);
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await registry.DisconnectedAsync(connection.ConnectionId);
        await base.OnDisconnectedAsync(connection);
    }
}
