using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;

namespace Rollout.Client.Services;

public enum HubState
{
    Connecting,
    Connected,
    Reconnecting,
    Disconnected,
}

/// <summary>What components need from the dashboard server: the watched view, commands and details.</summary>
public interface IDashboardService
{
    /// <summary>The view watched now (the list or one update).</summary>
    DashboardStore Store { get; }

    HubState State { get; }

    /// <summary>Reconnects and resnapshots (by reason) since the page loaded.</summary>
    ConnectionCounts Counts { get; }

    /// <summary>Who the server says this browser is; null until the hub has answered.</summary>
    SignedInUser? User { get; }

    /// <summary>Raised when <see cref="State"/>, <see cref="Counts"/> or <see cref="User"/> changes.</summary>
    event Action? StateChanged;

    Task StartAsync();

    /// <summary>Watch the updates list: its snapshot, then its deltas (and nothing else).</summary>
    Task WatchListAsync();

    /// <summary>Watch one update: its snapshot, then its deltas (and nothing else).</summary>
    Task WatchUpdateAsync(string updateKey);

    Task<ControlResult> SendAsync(ControlCommand command, CommandRequest request);

    Task<InstanceDetail?> GetInstanceDetailAsync(string updateKey, int instanceId);

    /// <summary>One update's audited commands, newest first; null when they could not be fetched.</summary>
    Task<IReadOnlyList<AuditEntryView>?> GetAuditAsync(string updateKey);

    /// <summary>The executor fleet across all updates; null when it could not be fetched.</summary>
    Task<Domain.Fleet.FleetView?> GetFleetAsync();

    /// <summary>Raised with the update's key once a command sent from here has its answer (or failed).</summary>
    event Action<string>? CommandCompleted;
}
