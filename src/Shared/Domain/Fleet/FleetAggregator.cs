using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Fleet;

/// <summary>One update as the fleet view reads it: its header and its instance rows with their gating reasons.</summary>
public sealed record FleetInput(UpdateView Update, IReadOnlyList<(InstanceView Row, string GatingReason)> Instances);

/// <summary>
/// Builds the fleet view from every update the dashboard holds. A job counts once, by its latest
/// update (what runs now); a host takes the executor its latest-seen task showed. Pure.
/// </summary>
public static class FleetAggregator
{
    public const int SampleHostsPerGroup = 5;
    public const int InstancesPerItem = 20;
    public const int ReasonsPerJob = 3;

    /// <summary>Finished updates that failed stay in the attention list this long.</summary>
    public static readonly TimeSpan FailedUpdatesFor = TimeSpan.FromHours(24);

    public static FleetView Build(IReadOnlyList<FleetInput> updates, IReadOnlyList<AdoptionPoint> adoption, DateTimeOffset now)
    {
        var latest = LatestPerJob(updates);
        var hosts = HostsOf(latest);
        var totals = Totals(latest, hosts);
        return new FleetView(now, totals, Groups(hosts), adoption, WatchSecsJobs(latest), Attention(updates, latest, now));
    }

    /// <summary>What one adoption sample records, from the same inputs.</summary>
    public static AdoptionPoint Sample(IReadOnlyList<FleetInput> updates, DateTimeOffset at)
    {
        var latest = LatestPerJob(updates);
        var totals = Totals(latest, HostsOf(latest));
        return new AdoptionPoint(at, totals.Hosts, totals.HostsVCurrent, totals.HealthGated, totals.WatchSecs);
    }

    private static List<FleetInput> LatestPerJob(IReadOnlyList<FleetInput> updates) =>
        updates.GroupBy(u => u.Update.Job)
            .Select(g => g.OrderBy(u => u.Update.Created).ThenBy(u => u.Update.UpdateId, StringComparer.Ordinal).Last())
            .OrderBy(u => u.Update.Job.ToString(), StringComparer.Ordinal)
            .ToList();

    private sealed record HostSeen(string Name, ExecutorVersion Executor, IReadOnlyList<string> Capabilities);

    /// <summary>
    /// Each host once, from the row that says most about its executor: a known executor beats unknown,
    /// and one that advertised capabilities beats one not yet RUNNING (capabilities come with RUNNING);
    /// between equals, the later update's row wins.
    /// </summary>
    private static List<HostSeen> HostsOf(List<FleetInput> latest)
    {
        var hosts = new Dictionary<string, (HostSeen Host, int Evidence)>(StringComparer.Ordinal);
        foreach (var input in latest.OrderBy(u => u.Update.Created))
        {
            foreach (var (row, _) in input.Instances)
            {
                if (row.Host.Length == 0) continue;
                var evidence = (row.ExecutorVersion == ExecutorVersion.Unknown ? 0 : 1) + (row.Capabilities.Count == 0 ? 0 : 1);
                if (hosts.TryGetValue(row.Host, out var seen) && seen.Evidence > evidence) continue;
                hosts[row.Host] = (new HostSeen(row.Host, row.ExecutorVersion, [.. row.Capabilities.Order(StringComparer.Ordinal)]), evidence);
            }
        }

        return [.. hosts.Values.Select(h => h.Host)];
    }

    private static FleetTotals Totals(List<FleetInput> latest, List<HostSeen> hosts) => new(
        hosts.Count,
        hosts.Count(h => h.Executor == ExecutorVersion.VCurrent),
        hosts.Count(h => h.Executor == ExecutorVersion.VPrev),
        hosts.Count(h => h.Executor == ExecutorVersion.Unknown),
        latest.Count,
        latest.Sum(u => u.Update.InstanceCount),
        latest.Sum(u => u.Update.HealthGatedCount),
        latest.Sum(u => u.Update.WatchSecsCount),
        latest.Sum(u => u.Update.UndeterminedCount));

    private static List<HostGroupView> Groups(List<HostSeen> hosts) =>
        hosts.GroupBy(h => (h.Executor, Capabilities: string.Join(',', h.Capabilities)))
            .Select(g => new HostGroupView(
                g.Key.Executor,
                g.First().Capabilities,
                g.Count(),
                [.. g.Select(h => h.Name).Order(StringComparer.Ordinal).Take(SampleHostsPerGroup)]))
            .OrderByDescending(g => g.Hosts)
            .ThenBy(g => g.Executor)
            .ThenBy(g => string.Join(',', g.Capabilities), StringComparer.Ordinal)
            .ToList();

    private static List<JobFallbackView> WatchSecsJobs(List<FleetInput> latest) =>
        latest.Where(u => u.Update.WatchSecsCount > 0)
            .Select(u => new JobFallbackView(
                u.Update.Job.ToString(),
                u.Update.Key,
                u.Update.UpdateId,
                u.Update.InstanceCount,
                u.Update.WatchSecsCount,
                [.. u.Instances.Where(i => i.Row.GatingMode == GatingMode.WatchSecs)
                    .GroupBy(i => i.GatingReason, StringComparer.Ordinal)
                    .Select(g => new ReasonCount(g.Key, g.Count()))
                    .OrderByDescending(r => r.Instances)
                    .ThenBy(r => r.Reason, StringComparer.Ordinal)
                    .Take(ReasonsPerJob)]))
            .OrderByDescending(j => j.WatchSecs)
            .ThenBy(j => j.Job, StringComparer.Ordinal)
            .ToList();

    private static List<AttentionItem> Attention(IReadOnlyList<FleetInput> updates, List<FleetInput> latest, DateTimeOffset now)
    {
        var items = new List<AttentionItem>();
        var latestOfJob = latest.Select(l => l.Update.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var input in updates)
        {
            var u = input.Update;
            var job = u.Job.ToString();
            if (u.Status is UpdateStatus.Failed or UpdateStatus.RolledBack or UpdateStatus.Error && now - u.LastModified <= FailedUpdatesFor)
            {
                items.Add(new AttentionItem(AttentionKind.UpdateFailed, u.Key, job, u.UpdateId,
                    $"{u.Status.WireName()}: {u.FailedCount} instance(s) failed", [], 0, u.LastModified));
            }

            // A finished update's hazards still describe the tasks it left running, until a newer update of the job replaces them.
            var hazardsStand = u.Status.IsActive() || (latestOfJob.Contains(u.Key) && now - u.LastModified <= FailedUpdatesFor);
            if (hazardsStand)
            {
                foreach (var hazard in input.Instances.SelectMany(i => i.Row.Hazards.Select(code => (code, i.Row.InstanceId))).GroupBy(h => h.code, StringComparer.Ordinal))
                {
                    var ids = hazard.Select(h => h.InstanceId).Order().ToList();
                    var finished = u.Status.IsActive() ? string.Empty : $", left running by the {u.Status.WireName()} update";
                    items.Add(new AttentionItem(AttentionKind.Hazard, u.Key, job, u.UpdateId, $"{HazardText(hazard.Key)} ({hazard.Key}){finished}",
                        [.. ids.Take(InstancesPerItem)], ids.Count, u.LastModified));
                }
            }

            if (!u.Status.IsActive()) continue;

            var failed = input.Instances.Where(i => i.Row.HealthState == HealthState.Failed || i.Row.UpdateAction is InstanceAction.InstanceUpdateFailed or InstanceAction.InstanceRollbackFailed)
                .Select(i => i.Row.InstanceId).Order().ToList();
            if (failed.Count > 0)
            {
                items.Add(new AttentionItem(AttentionKind.FailedInstances, u.Key, job, u.UpdateId,
                    $"{failed.Count} failed instance(s); the update fails past max_failed_instances={u.Settings.MaxFailedInstances}",
                    [.. failed.Take(InstancesPerItem)], failed.Count, u.LastModified));
            }

            if (u.Status is UpdateStatus.RollForwardPaused or UpdateStatus.RollBackPaused)
            {
                items.Add(new AttentionItem(AttentionKind.Paused, u.Key, job, u.UpdateId, $"{u.Status.WireName()} since the last change", [], 0, u.LastModified));
            }

            if (u.Status is UpdateStatus.RollForwardAwaitingPulse or UpdateStatus.RollBackAwaitingPulse)
            {
                var text = u.PulseDeadline is { } deadline && deadline <= now ? "awaiting a pulse: the last one has expired" : "awaiting a pulse";
                items.Add(new AttentionItem(AttentionKind.AwaitingPulse, u.Key, job, u.UpdateId, text, [], 0, u.LastModified));
            }
        }

        return [.. items.OrderBy(i => i.Kind).ThenByDescending(i => i.At).ThenBy(i => i.UpdateKey, StringComparer.Ordinal)];
    }

    private static string HazardText(string code) => code switch
    {
        "WATCH_SECS_ZERO_WITHOUT_GATING" => "watch_secs = 0 and nothing gates RUNNING on health",
        "SETTINGS_BIT_WITH_VPREV_EXECUTOR" => "the S3 settings bit is set but the instance runs a vPrev executor",
        "UPDATER_DISAGREES_WITH_EVIDENCE" => "the updater's decision disagrees with the instance's evidence",
        _ => "hazard",
    };
}
