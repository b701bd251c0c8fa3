namespace Rollout.Domain.Inference;

public enum ExecutorVersion
{
    /// <summary>Not known yet: the evidence that would tell has not arrived.</summary>
    Unknown,

    /// <summary>An executor that reports RUNNING as soon as the process starts.</summary>
    VPrev,

    /// <summary>An executor that holds STARTING until health checks pass.</summary>
    VCurrent,
}

public static class ExecutorVersions
{
    /// <summary>The public spelling: "vPrev", "vCurrent", "unknown".</summary>
    public static string DisplayName(this ExecutorVersion version) => version switch
    {
        ExecutorVersion.VPrev => "vPrev",
        ExecutorVersion.VCurrent => "vCurrent",
        _ => "unknown",
    };
}
