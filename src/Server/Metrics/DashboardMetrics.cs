using System.Diagnostics.Metrics;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Server.Hubs;
using Rollout.Server.Insight;
using Rollout.Server.ReadModel;
using Rollout.Server.Replay;

namespace Rollout.Server.Metrics;

/// <summary>
/// The dashboard's instruments for the platform's Prometheus. All are observed when scraped, read
/// from the model and the viewer registry as they stand: nothing is counted twice and nothing costs
/// anything between scrapes.
/// </summary>
public sealed class DashboardMetrics : IDisposable
{
    public const string MeterName = "Rollout.Dashboard";

    private readonly Meter _meter;

    public DashboardMetrics(IMeterFactory meters, DashboardModel model, ViewerRegistry viewers, TimeProvider time, InsightService insight, ReplayStore replays)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("rollout.updates", () => UpdatesByStatus(model.Updates()), "{update}",
            "Updates the dashboard holds, by status.");
        _meter.CreateObservableGauge("rollout.instances", () => InstancesByGatingMode(model.Updates()), "{instance}",
            "Instances of active updates, by the gating mode that decides when each counts as updated.");
        _meter.CreateObservableGauge("rollout.hazards", () => Hazards(model.Updates()), "{hazard}",
            "Hazards raised on instances of active updates.");
        _meter.CreateObservableGauge("rollout.upstream.connected", () => model.Connection.State == UpstreamState.Live ? 1 : 0, null,
            "1 while both upstream streams are live, else 0.");
        _meter.CreateObservableGauge("rollout.upstream.last_event_age", () => LastEventAge(model.Connection, time), "s",
            "Seconds since the latest upstream event arrived: the upstream lag a silent or stuck scheduler builds up.");
        _meter.CreateObservableCounter("rollout.upstream.reconnects", () => model.Connection.Reconnects, "{reconnect}",
            "Times an upstream stream came back after it failed.");
        _meter.CreateObservableCounter("rollout.upstream.rejected_events", () => model.Connection.RejectedEvents, "{event}",
            "Upstream events and snapshots refused for their position (duplicate, backwards, other epoch).");
        _meter.CreateObservableCounter("rollout.upstream.bad_messages", () => model.Connection.BadMessages, "{message}",
            "Upstream messages that could not be read.");
        _meter.CreateObservableCounter("rollout.recording.truncated", () => model.Recordings.TruncatedJournals, "{update}",
            "Update journals (recordings) that reached their cap; their later events are dropped.");
        _meter.CreateObservableCounter("rollout.recording.dropped_events", () => model.Recordings.DroppedEvents, "{event}",
            "Events left out of update journals past their cap.");
        _meter.CreateObservableUpDownCounter("rollout.hub.connections", () => viewers.Count, "{connection}",
            "Browsers connected to the dashboard hub.");
        _meter.CreateObservableCounter("rollout.hub.delta_bytes", () => viewers.DeltaBytesSent, "By",
            "Bytes of live change batches handed to browser connections.");
        _meter.CreateObservableUpDownCounter("rollout.replays.held", () => replays.Held, "{replay}",
            "Recordings held for replay.");
        _meter.CreateObservableCounter("rollout.insight.refolds", () => insight.Refolds, "{refold}",
            "Times a live insight fold started over (the scheduler clock went back, or an event came too late to slot in).");
    }

    internal static IEnumerable<Measurement<int>> UpdatesByStatus(IEnumerable<UpdateView> updates)
    {
        var counts = Enum.GetValues<UpdateStatus>().ToDictionary(s => s, _ => 0);
        foreach (var update in updates) counts[update.Status] = counts.GetValueOrDefault(update.Status) + 1;
        return counts.Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("status", c.Key.WireName())));
    }

    internal static IEnumerable<Measurement<int>> InstancesByGatingMode(IEnumerable<UpdateView> updates)
    {
        int gated = 0, watch = 0, undetermined = 0;
        foreach (var update in updates.Where(u => u.Status.IsActive()))
        {
            gated += update.HealthGatedCount;
            watch += update.WatchSecsCount;
            undetermined += update.UndeterminedCount;
        }

        return
        [
            Mode(gated, GatingMode.HealthGated),
            Mode(watch, GatingMode.WatchSecs),
            Mode(undetermined, GatingMode.Undetermined),
        ];

        static Measurement<int> Mode(int count, GatingMode mode) => new(count, new KeyValuePair<string, object?>("gating_mode", mode.WireName()));
    }

    internal static int Hazards(IEnumerable<UpdateView> updates) => updates.Where(u => u.Status.IsActive()).Sum(u => u.HazardCount);

    private static IEnumerable<Measurement<double>> LastEventAge(ConnectionView link, TimeProvider time) =>
        link.LastEventAt is { } at ? [new Measurement<double>(Math.Max(0, (time.GetUtcNow() - at).TotalSeconds))] : [];

    public void Dispose() => _meter.Dispose();
}
