using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;

namespace Rollout.Client.Services;

/// <summary>
/// The browser's link to the dashboard hub. It watches one view at a time: a snapshot first, then
/// that view's ordered deltas; a gap, a new epoch, a reconnect or the server's "you fell behind"
/// fetches a fresh snapshot. Deltas arriving meanwhile are kept and replayed. It keeps connecting
/// until disposed, logs each distinct failure once, and counts reconnects and resnapshots
/// (<see cref="Counts"/>). All of it runs on the page's one thread
/// (<see cref="DashboardHubOptions.Dispatch"/> outside a browser).
/// </summary>
public sealed partial class DashboardConnection : IDashboardService, IAsyncDisposable
{
    private readonly Func<DashboardHubOptions> _options;
    private readonly DashboardStore _store;
    private readonly DashboardClock _clock;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FailureLog _failures;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationToken _stop;
    private Func<Func<Task>, Task> _dispatch = work => work();
    private HubConnection? _hub;
    private Task? _starting;

    /// <summary>The browser's: the hub at its page's origin, signed in with its session cookie.</summary>
    public DashboardConnection(NavigationManager navigation, DashboardStore store, DashboardClock clock, TimeProvider time, ILogger<DashboardConnection> logger)
        : this(() => new DashboardHubOptions { Url = navigation.ToAbsoluteUri(DashboardHubRoute.Path) }, store, clock, time, logger)
    {
    }

    /// <summary>Outside the browser (tests, tools): the hub <paramref name="hub"/> names, reached as it says.</summary>
    public DashboardConnection(DashboardHubOptions hub, DashboardStore store, DashboardClock clock, TimeProvider time, ILogger<DashboardConnection> logger)
        : this(() => hub, store, clock, time, logger)
    {
    }

    private DashboardConnection(Func<DashboardHubOptions> options, DashboardStore store, DashboardClock clock, TimeProvider time, ILogger logger)
    {
        _options = options;
        _store = store;
        _clock = clock;
        _time = time;
        _logger = logger;
        _failures = new FailureLog(logger);
        _stop = _stopping.Token;
    }

    public DashboardStore Store => _store;

    public HubState State { get; private set; } = HubState.Connecting;

    public ConnectionCounts Counts { get; private set; } = ConnectionCounts.None;

    public SignedInUser? User { get; private set; }

    public event Action? StateChanged;

    public event Action<string>? CommandCompleted;

    /// <summary>
    /// Connects, and keeps trying until connected or disposed. A start that failed (its hub could
    /// not even be built) is not kept: the next call tries again.
    /// </summary>
    public Task StartAsync()
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        if (_starting is null || _starting.IsFaulted || _starting.IsCanceled) _starting = ConnectAsync();
        return _starting;
    }

    public Task WatchListAsync() => WatchAsync(DashboardViews.List);

    public Task WatchUpdateAsync(string updateKey) => WatchAsync(DashboardViews.Of(updateKey));

    public async Task<ControlResult> SendAsync(ControlCommand command, CommandRequest request)
    {
        var method = command switch
        {
            ControlCommand.Pause => nameof(IDashboardHub.PauseUpdate),
            ControlCommand.Resume => nameof(IDashboardHub.ResumeUpdate),
            ControlCommand.Abort => nameof(IDashboardHub.AbortUpdate),
            _ => null,
        };
        // An unknown command is refused here, never sent as some other command.
        if (method is null) return ControlResult.Invalid($"command {(int)command} is not known");
        if (_hub is null || _hub.State != HubConnectionState.Connected)
            return ControlResult.Unavailable("not connected to the dashboard server");
        try
        {
            var result = await _hub.InvokeAsync<ControlResult>(method, request);
            _failures.Succeeded(Operations.Command);
            return result;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            _failures.Failed(Operations.Command, ex);
            return ControlResult.Unavailable(ex.Message);
        }
        finally
        {
            CommandCompleted?.Invoke(request.UpdateKey); // the audit has it now, whatever the answer
        }
    }

    public async Task<IReadOnlyList<AuditEntryView>?> GetAuditAsync(string updateKey)
    {
        if (_hub is null || _hub.State != HubConnectionState.Connected) return null;
        try
        {
            var audit = await _hub.InvokeAsync<AuditEntryView[]>(nameof(IDashboardHub.GetAudit), updateKey);
            _failures.Succeeded(Operations.Audit);
            return audit;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            _failures.Failed(Operations.Audit, ex);
            return null;
        }
    }

    public async Task<InstanceDetail?> GetInstanceDetailAsync(string updateKey, int instanceId)
    {
        if (_hub is null || _hub.State != HubConnectionState.Connected) return null;
        try
        {
            var detail = await _hub.InvokeAsync<InstanceDetail?>(nameof(IDashboardHub.GetInstanceDetail), updateKey, instanceId);
            _failures.Succeeded(Operations.Detail);
            return detail;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            _failures.Failed(Operations.Detail, ex);
            return null;
        }
    }

    public async Task<Domain.Fleet.FleetView?> GetFleetAsync()
    {
        if (_hub is null || _hub.State != HubConnectionState.Connected) return null;
        try
        {
            var fleet = await _hub.InvokeAsync<Domain.Fleet.FleetView>(nameof(IDashboardHub.GetFleet));
            _failures.Succeeded(Operations.Fleet);
            return fleet;
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            _failures.Failed(Operations.Fleet, ex);
            return null;
        }
    }

    /// <summary>The connection dropped or the server refused: the caller shows it, the page stays up.</summary>
    private static bool IsConnectionFailure(Exception ex) =>
        ex is HubException or InvalidOperationException or OperationCanceledException or IOException
            or System.Net.WebSockets.WebSocketException or HttpRequestException;

    private Task SetState(HubState state)
    {
        if (State == state) return Task.CompletedTask;
        State = state;
        StateChanged?.Invoke();
        return Task.CompletedTask;
    }

    /// <summary>Stops for good: no retry, reconnect or resnapshot runs after this, and no callback is handled.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stopping.CancelAsync();
        if (_hub is not null) await _hub.DisposeAsync();
        _stopping.Dispose();
    }

    /// <summary>What failures are logged under, one streak each.</summary>
    private static class Operations
    {
        public const string Start = "Starting the dashboard connection";
        public const string Connect = "Connecting to the dashboard server";
        public const string Link = "The dashboard server connection";
        public const string Snapshot = "Loading a snapshot";
        public const string Batch = "Applying a delta batch";
        public const string Command = "Sending a command";
        public const string Audit = "Fetching the audit";
        public const string Detail = "Fetching an instance's details";
        public const string Fleet = "Fetching the fleet view";
        public const string Insight = "Fetching an update's insight";
        public const string Replay = "Fetching a replay's insight";
    }
}
