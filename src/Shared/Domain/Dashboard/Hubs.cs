using Rollout.Domain.Updates;

namespace Rollout.Domain.Dashboard;

/// <summary>What a browser may ask the dashboard server.</summary>
public interface IDashboardHub
{
    Task<DashboardSnapshot> GetSnapshot();

    Task<InstanceDetail?> GetInstanceDetail(string updateKey, int instanceId);

    Task<ControlResult> PauseUpdate(CommandRequest request);

    Task<ControlResult> ResumeUpdate(CommandRequest request);

    Task<ControlResult> AbortUpdate(CommandRequest request);
}

/// <summary>What the dashboard server pushes to browsers.</summary>
public interface IDashboardClient
{
    Task ReceiveDeltas(DeltaBatch batch);
}

public static class DashboardHubRoute
{
    public const string Path = "/hubs/dashboard";
}
