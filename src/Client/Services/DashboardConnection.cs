using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;

namespace Rollout.Client.Services;

/// <summary>
/// The browser's link to the dashboard hub. It watches one view at a time: a snapshot first, then
/// that view's ordered deltas; a gap, a new epoch, a reconnect or the server's "you fell behind"
/// fetches a fresh snapshot. Deltas arriving meanwhile are kept and replayed.
/// </summary>
/// <param name="accessToken">For a non-browser host (tests); a browser signs in with its session cookie.</param>
public sealed class DashboardConnection(NavigationManager navigation, DashboardStore store, DashboardClock clock, Func<Task<string?>>? accessToken = null)
    : IDashboardService, IAsyncDisposable
{
    /// <summary>About 20 ms of decoding in the browser's interpreter: short enough never to be felt.</summary>
    private const int SliceRows = 1000;

    private readonly List<DeltaBatch> _pending = [];
    private HubConnection? _hub;
    private Task? _starting;
    private string? _view;
    private bool _resyncing;
    private bool _again;

    public DashboardStore Store => store;

    public HubState State { get; private set; } = HubState.Connecting;

    public int CatchUps { get; private set; }

    public SignedInUser? User { get; private set; }

    public event Action? StateChanged;

    public event Action<string>? CommandCompleted;

    public Task StartAsync() => _starting ??= ConnectAsync();

    public Task WatchListAsync() => Watch(DashboardViews.List);

    public Task WatchUpdateAsync(string updateKey) => Watch(DashboardViews.Of(updateKey));

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
            return await _hub.InvokeAsync<ControlResult>(method, request);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
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
            return await _hub.InvokeAsync<AuditEntryView[]>(nameof(IDashboardHub.GetAudit), updateKey);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            return null;
        }
    }

    public async Task<InstanceDetail?> GetInstanceDetailAsync(string updateKey, int instanceId)
    {
        if (_hub is null || _hub.State != HubConnectionState.Connected) return null;
        try
        {
            return await _hub.InvokeAsync<InstanceDetail?>(nameof(IDashboardHub.GetInstanceDetail), updateKey, instanceId);
        }
        catch (Exception ex) when (IsConnectionFailure(ex))
        {
            return null;
        }
    }

    /// <summary>The connection dropped or the server refused: the caller shows it, the page stays up.</summary>
    private static bool IsConnectionFailure(Exception ex) =>
        ex is HubException or InvalidOperationException or OperationCanceledException or IOException
            or System.Net.WebSockets.WebSocketException or HttpRequestException;

    private Task Watch(string view)
    {
        if (_view == view && store.Shows(view)) return Task.CompletedTask;
        _view = view;
        return ResyncAsync();
    }

    private async Task ConnectAsync()
    {
        _hub = new HubConnectionBuilder()
            .WithUrl(navigation.ToAbsoluteUri(DashboardHubRoute.Path), o => o.AccessTokenProvider = accessToken)
            .WithAutomaticReconnect(new ForeverRetryPolicy())
            .AddMessagePackProtocol()
            .Build();
        _hub.On<DeltaBatch>(nameof(IDashboardClient.ReceiveDeltas), OnDeltas);
        _hub.On<string>(nameof(IDashboardClient.Resync), OnFellBehind);
        _hub.Reconnecting += _ => SetState(HubState.Reconnecting);
        _hub.Reconnected += async _ =>
        {
            await SetState(HubState.Connected);
            await ResyncAsync();
        };
        _hub.Closed += async _ =>
        {
            await SetState(HubState.Disconnected);
            await StartWithRetriesAsync();
        };
        await StartWithRetriesAsync();
    }

    private async Task StartWithRetriesAsync()
    {
        var policy = new ForeverRetryPolicy();
        for (var attempt = 0; _hub!.State == HubConnectionState.Disconnected; attempt++)
        {
            try
            {
                await _hub.StartAsync();
                User = await _hub.InvokeAsync<SignedInUser>(nameof(IDashboardHub.WhoAmI));
                await SetState(HubState.Connected);
                await ResyncAsync();
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                await SetState(HubState.Disconnected);
                await Task.Delay(policy.NextRetryDelay(new RetryContext { PreviousRetryCount = attempt })!.Value);
            }
        }
    }

    private async Task OnDeltas(DeltaBatch batch)
    {
        if (_resyncing)
        {
            _pending.Add(batch);
            return;
        }

        if (await ApplyAsync(batch) == DeltaOutcome.NeedsSnapshot) await ResyncAsync();
    }

    /// <summary>
    /// Applies one batch, decoding its rows in slices when there are many: the client awaits each
    /// handler before the next message, so batches stay in order while the page draws in between.
    /// </summary>
    private async Task<DeltaOutcome> ApplyAsync(DeltaBatch batch)
    {
        var rows = store.Fits(batch) ? await RowSlices.DecodeAsync(batch.Rows, SliceRows) : [];
        var outcome = store.Apply(batch, rows);
        if (outcome == DeltaOutcome.Applied && batch.Clock is { } sync) clock.Sync(sync);
        return outcome;
    }

    private async Task OnFellBehind(string reason)
    {
        CatchUps++;
        StateChanged?.Invoke();
        await ResyncAsync();
    }

    private async Task ResyncAsync()
    {
        if (_hub is null || _hub.State != HubConnectionState.Connected || _view is null) return;
        if (_resyncing)
        {
            _again = true; // the view changed, or another gap: one more round once this one is done
            return;
        }

        _resyncing = true;
        try
        {
            // Deltas that arrived meanwhile are replayed; if they show a gap or a newer epoch
            // the snapshot is already stale, so take another (a few times at most).
            for (var attempt = 0; attempt < 5; attempt++)
            {
                _again = false;
                if (await LoadSnapshotAndReplayAsync() == DeltaOutcome.Applied && !_again) break;
            }
        }
        catch (Exception ex) when (ex is HubException or InvalidOperationException or TaskCanceledException)
        {
            // The reconnect handlers resync once the connection is back.
        }
        finally
        {
            _pending.Clear();
            _resyncing = false;
        }
    }

    private async Task<DeltaOutcome> LoadSnapshotAndReplayAsync()
    {
        var view = _view!;
        var epochBefore = store.Epoch;
        string epoch;
        if (view == DashboardViews.List)
        {
            var snapshot = await _hub!.InvokeAsync<ListSnapshot>(nameof(IDashboardHub.SubscribeList));
            if (view != _view) return DeltaOutcome.NeedsSnapshot;
            store.Load(snapshot);
            clock.Sync(snapshot.Clock);
            epoch = snapshot.Epoch;
        }
        else
        {
            var snapshot = await _hub!.InvokeAsync<UpdateSnapshot>(nameof(IDashboardHub.SubscribeUpdate), view);
            if (view != _view) return DeltaOutcome.NeedsSnapshot;

            // The header shows at once; 10,000 rows follow in slices, each its own browser task drawn
            // as it comes, so the page never freezes on them.
            store.Begin(view, snapshot);
            clock.Sync(snapshot.Clock);
            epoch = snapshot.Epoch;
            foreach (var slice in InstanceRowCodec.DecodeInSlices(snapshot.Rows, SliceRows))
            {
                await Task.Delay(1);
                if (view != _view) return DeltaOutcome.NeedsSnapshot;
                store.AddRows(slice);
            }

            store.EndRows();
        }

        // Replaying a large batch yields to the page, and more may arrive meanwhile: drain until none is left.
        while (_pending.Count > 0)
        {
            var pending = _pending.Where(b => b.View == view).OrderBy(b => b.Version).ToList();
            _pending.Clear();

            // A batch from neither the old epoch nor the snapshot's is newer than the snapshot: take another.
            if (pending.Exists(b => b.Epoch != epoch && b.Epoch != epochBefore)) return DeltaOutcome.NeedsSnapshot;
            foreach (var batch in pending.Where(b => b.Epoch == epoch))
            {
                if (await ApplyAsync(batch) == DeltaOutcome.NeedsSnapshot) return DeltaOutcome.NeedsSnapshot;
            }
        }

        return DeltaOutcome.Applied;
    }

    private Task SetState(HubState state)
    {
        State = state;
        StateChanged?.Invoke();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
    }
}
