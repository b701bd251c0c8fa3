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

/// <summary>What components need from the dashboard server: the live store, commands and details.</summary>
public interface IDashboardService
{
    DashboardStore Store { get; }

    HubState State { get; }

    /// <summary>Raised when <see cref="State"/> changes.</summary>
    event Action? StateChanged;

    Task StartAsync();

    Task<ControlResult> SendAsync(ControlCommand command, CommandRequest request);

    Task<InstanceDetail?> GetInstanceDetailAsync(string updateKey, int instanceId);
}
