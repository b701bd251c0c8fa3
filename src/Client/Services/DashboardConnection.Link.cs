using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Services;

/// <summary>The link itself: building the hub, connecting with retries, and the hub's reconnect and close events.</summary>
public sealed partial class DashboardConnection
{
    /// <summary>The connect-with-retries loop while one runs: there is never a second.</summary>
    private Task? _linking;

    /// <summary>Whether a connection was ever made: a later one is a reconnect.</summary>
    private bool _connectedBefore;

    /// <summary>
    /// The running link has connected and is only taking its snapshot: a close now needs a new link,
    /// or the page would stay disconnected for good.
    /// </summary>
    private bool _linkUp;

    private async Task ConnectAsync()
    {
        if (_hub is null)
        {
            try
            {
                _hub = BuildHub();
            }
            catch (Exception ex)
            {
                _failures.Failed(Operations.Start, ex);
                throw; // not kept: the next StartAsync builds it again
            }

            _failures.Succeeded(Operations.Start);
        }

        await LinkAsync();
    }

    private HubConnection BuildHub()
    {
        var options = _options();
        var builder = new HubConnectionBuilder()
            .WithUrl(options.Url, o => o.AccessTokenProvider = options.AccessToken)
            .WithAutomaticReconnect(new ForeverRetryPolicy())
            .AddMessagePackProtocol();
        var hub = options.Build(builder);
        _dispatch = options.Dispatch;
        hub.On<DeltaBatch>(nameof(IDashboardClient.ReceiveDeltas), batch => _dispatch(() => OnDeltasAsync(batch)));
        hub.On<string>(nameof(IDashboardClient.Resync), reason => _dispatch(() => OnFellBehindAsync(reason)));
        hub.Reconnecting += error => _dispatch(() => OnReconnectingAsync(error));
        hub.Reconnected += _ => _dispatch(OnReconnectedAsync);
        hub.Closed += error => _dispatch(() => OnClosedAsync(error));
        return hub;
    }

    private Task LinkAsync() => _linking is { IsCompleted: false } && !_linkUp ? _linking : _linking = KeepConnectingAsync();

    /// <summary>Starts the hub (it reconnects by itself once connected), retrying with backoff until it is up or disposed.</summary>
    private async Task KeepConnectingAsync()
    {
        var hub = _hub!;
        _linkUp = false;
        var policy = new ForeverRetryPolicy();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (hub.State == HubConnectionState.Disconnected) await hub.StartAsync(_stop);
                User = await hub.InvokeAsync<SignedInUser>(nameof(IDashboardHub.WhoAmI), _stop);
                break;
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever it was (refused, unreachable, a proxy that breaks WebSockets), keep trying: counted, logged once.
                _failures.Failed(Operations.Connect, ex);
                await SetState(HubState.Disconnected);
            }

            try
            {
                await Task.Delay(policy.NextRetryDelay(new RetryContext { PreviousRetryCount = attempt })!.Value, _time, _stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        _failures.Succeeded(Operations.Connect);
        _linkUp = true;
        var reason = SnapshotReason.View;
        if (_connectedBefore)
        {
            Reconnected();
            reason = SnapshotReason.Reconnect;
        }

        _connectedBefore = true;
        await SetState(HubState.Connected);
        await ResyncAsync(reason);
    }

    private async Task OnReconnectingAsync(Exception? error)
    {
        if (_stop.IsCancellationRequested) return;
        if (error is null) _failures.Failed(Operations.Link, "connection lost");
        else _failures.Failed(Operations.Link, error);
        await SetState(HubState.Reconnecting);
    }

    private async Task OnReconnectedAsync()
    {
        if (_stop.IsCancellationRequested) return;
        Reconnected();
        await SetState(HubState.Connected);
        await ResyncAsync(SnapshotReason.Reconnect); // the server forgot what this browser watched
    }

    /// <summary>The hub gave up (or the server closed for good): start over, unless this connection is disposed.</summary>
    private async Task OnClosedAsync(Exception? error)
    {
        if (_stop.IsCancellationRequested) return;
        if (error is null) _failures.Failed(Operations.Link, "connection closed");
        else _failures.Failed(Operations.Link, error);
        await SetState(HubState.Disconnected);
        await LinkAsync();
    }

    private void Reconnected()
    {
        _failures.Succeeded(Operations.Link);
        Counts = Counts.Reconnected();
        LogReconnected(_logger, Counts.Reconnects);
        StateChanged?.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnected to the dashboard server (reconnect {Reconnects})")]
    private static partial void LogReconnected(ILogger logger, int reconnects);
}
