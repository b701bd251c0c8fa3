using Rollout.Domain.Inference;

namespace Rollout.Emulator.Cluster;

/// <summary>An agent host and the executor version installed on it.</summary>
public sealed class ClusterHost(string name, ExecutorVersion executor)
{
    public string Name { get; } = name;

    /// <summary>Changes when the executor itself is rolled out; tasks keep the version they started with.</summary>
    public ExecutorVersion Executor { get; set; } = executor;
}

/// <summary>A named group of hosts that a job's tasks are placed on, round robin.</summary>
public sealed class HostPool
{
    private int _cursor;

    public List<ClusterHost> Hosts { get; } = [];

    public ClusterHost Next() => Hosts[_cursor++ % Hosts.Count];

    public void SetExecutorMix(double vCurrentFraction)
    {
        var current = (int)Math.Round(Hosts.Count * Math.Clamp(vCurrentFraction, 0, 1));
        for (var i = 0; i < Hosts.Count; i++) Hosts[i].Executor = i < current ? ExecutorVersion.VCurrent : ExecutorVersion.VPrev;
    }
}
