using Rollout.Client.Services;
using Rollout.Domain.Audit;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Updates;

namespace Rollout.Client.Tests.Support;

/// <summary>Records commands and answers with what the test says.</summary>
public sealed class FakeDashboardService : IDashboardService
{
    public DashboardStore Store { get; } = new();

    public HubState State { get; set; } = HubState.Connected;

    public ConnectionCounts Counts { get; set; } = ConnectionCounts.None;

    public SignedInUser? User { get; set; } = new("dana", "Token", [Domain.Model.JobPattern.Everything]);

    public event Action? StateChanged;

    public event Action<string>? CommandCompleted;

    /// <summary>What audit requests answer; null answers "could not fetch".</summary>
    public IReadOnlyList<AuditEntryView>? Audit { get; set; } = [];

    /// <summary>The update keys whose audit was asked for, in order.</summary>
    public List<string> AuditRequests { get; } = [];

    public List<string> Watched { get; } = [];

    public List<(ControlCommand Command, CommandRequest Request)> Sent { get; } = [];

    public ControlResult NextResult { get; set; } = ControlResult.Ok(Domain.Model.UpdateStatus.RollForwardPaused);

    public InstanceDetail? Detail { get; set; }

    public Task StartAsync() => Task.CompletedTask;

    public Task WatchListAsync()
    {
        Watched.Add(DashboardViews.List);
        return Task.CompletedTask;
    }

    public Task WatchUpdateAsync(string updateKey)
    {
        Watched.Add(updateKey);
        return Task.CompletedTask;
    }

    public Task<ControlResult> SendAsync(ControlCommand command, CommandRequest request)
    {
        Sent.Add((command, request));
        CommandCompleted?.Invoke(request.UpdateKey);
        return Task.FromResult(NextResult);
    }

    /// <summary>When set, detail requests wait on it (a slow server); otherwise they answer <see cref="Detail"/> at once.</summary>
    public TaskCompletionSource<InstanceDetail?>? PendingDetail { get; set; }

    public Task<InstanceDetail?> GetInstanceDetailAsync(string updateKey, int instanceId) => PendingDetail?.Task ?? Task.FromResult(Detail);

    public Task<IReadOnlyList<AuditEntryView>?> GetAuditAsync(string updateKey)
    {
        AuditRequests.Add(updateKey);
        return Task.FromResult(Audit);
    }

    /// <summary>What GetFleetAsync answers; null: the fetch failed.</summary>
    public Domain.Fleet.FleetView? Fleet { get; set; }

    public int FleetRequests { get; private set; }

    public Task<Domain.Fleet.FleetView?> GetFleetAsync()
    {
        FleetRequests++;
        return Task.FromResult(Fleet);
    }

    public void RaiseStateChanged() => StateChanged?.Invoke();
}
