using Rollout.Domain.Inference;

namespace Rollout.Domain.Fleet;

/// <summary>
/// The executor fleet as the updates show it: hosts by executor version and capabilities, how
/// adoption moved over time, which jobs still lean on the watch_secs fallback and why, and every
/// hazard or stuck update in one list. Times are the scheduler's clock.
/// </summary>
/// <param name="At">When this was computed.</param>
/// <param name="HostGroups">Hosts grouped by what their latest task's executor showed, largest group first.</param>
/// <param name="Adoption">Samples taken over time, oldest first: what share of hosts ran vCurrent and of instances were health-gated.</param>
/// <param name="WatchSecsJobs">Jobs whose latest update has instances on the watch_secs fallback, most such instances first.</param>
/// <param name="NeedsAttention">Hazards and stuck or failed updates across all updates, most urgent first.</param>
public sealed record FleetView(
    DateTimeOffset At,
    FleetTotals Totals,
    IReadOnlyList<HostGroupView> HostGroups,
    IReadOnlyList<AdoptionPoint> Adoption,
    IReadOnlyList<JobFallbackView> WatchSecsJobs,
    IReadOnlyList<AttentionItem> NeedsAttention);

/// <summary>Counts over the latest update of every job.</summary>
public sealed record FleetTotals(
    int Hosts,
    int HostsVCurrent,
    int HostsVPrev,
    int HostsUnknown,
    int Jobs,
    int Instances,
    int HealthGated,
    int WatchSecs,
    int Undetermined)
{
    /// <summary>Health-gated share of the instances whose mode is decided (0 when none is).</summary>
    public double HealthGatedShare => HealthGated + WatchSecs == 0 ? 0 : (double)HealthGated / (HealthGated + WatchSecs);
}

/// <param name="SampleHosts">A few of the group's host names, sorted, for a first look.</param>
public sealed record HostGroupView(ExecutorVersion Executor, IReadOnlyList<string> Capabilities, int Hosts, IReadOnlyList<string> SampleHosts);

public sealed record AdoptionPoint(DateTimeOffset At, int Hosts, int HostsVCurrent, int HealthGated, int WatchSecs)
{
    public double VCurrentShare => Hosts == 0 ? 0 : (double)HostsVCurrent / Hosts;

    public double HealthGatedShare => HealthGated + WatchSecs == 0 ? 0 : (double)HealthGated / (HealthGated + WatchSecs);
}

/// <param name="Reasons">Why its instances wait watch_secs (the gating reason as the instance table gives it), most common first.</param>
public sealed record JobFallbackView(string Job, string UpdateKey, string UpdateId, int Instances, int WatchSecs, IReadOnlyList<ReasonCount> Reasons);

public sealed record ReasonCount(string Reason, int Instances);

public enum AttentionKind
{
    /// <summary>The update failed, rolled back or errored.</summary>
    UpdateFailed,

    /// <summary>Instances of an active update carry a hazard.</summary>
    Hazard,

    /// <summary>An active update has failed instances.</summary>
    FailedInstances,

    /// <summary>Paused by an operator or automatically.</summary>
    Paused,

    /// <summary>A coordinated update waits for a pulse.</summary>
    AwaitingPulse,
}

/// <param name="Instances">Instances concerned (capped), for a hazard or failed instances; empty otherwise.</param>
/// <param name="InstanceCount">All instances concerned, beyond the cap.</param>
public sealed record AttentionItem(AttentionKind Kind, string UpdateKey, string Job, string UpdateId, string Text, IReadOnlyList<int> Instances, int InstanceCount, DateTimeOffset At);
