using Rollout.Domain.Dashboard;
using Rollout.Domain.Fleet;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Domain.Tests.Fleet;

public sealed class FleetAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly JobKey Web = new("www", "prod", "web");
    private static readonly JobKey Api = new("pay", "prod", "api");

    [Fact]
    public void Build_TwoUpdatesOfOneJob_CountsOnlyTheLatest()
    {
        var old = Input(Web, "web-1", T0, UpdateStatus.RolledForward, Row(0, "h1", ExecutorVersion.VPrev, GatingMode.WatchSecs));
        var latest = Input(Web, "web-2", T0.AddHours(1), UpdateStatus.RollingForward, Row(0, "h1", ExecutorVersion.VCurrent, GatingMode.HealthGated));

        var fleet = FleetAggregator.Build([latest, old], [], T0.AddHours(2));

        Assert.Equal(1, fleet.Totals.Jobs);
        Assert.Equal(1, fleet.Totals.Hosts);
        Assert.Equal(1, fleet.Totals.HostsVCurrent);
        Assert.Empty(fleet.WatchSecsJobs);
        Assert.Equal(1.0, fleet.Totals.HealthGatedShare);
    }

    [Fact]
    public void Build_HostsOfSeveralJobs_GroupByExecutorAndCapabilitiesLargestFirst()
    {
        var web = Input(Web, "web-1", T0, UpdateStatus.RollingForward,
            Row(0, "h1", ExecutorVersion.VCurrent, GatingMode.HealthGated, ["HEALTH_GATED_RUNNING", "GRACEFUL_SHUTDOWN"]),
            Row(1, "h2", ExecutorVersion.VCurrent, GatingMode.HealthGated, ["GRACEFUL_SHUTDOWN", "HEALTH_GATED_RUNNING"]),
            Row(2, "h3", ExecutorVersion.VPrev, GatingMode.WatchSecs));
        var api = Input(Api, "api-1", T0, UpdateStatus.RollingForward,
            Row(0, "h4", ExecutorVersion.VCurrent, GatingMode.HealthGated, ["HEALTH_GATED_RUNNING", "GRACEFUL_SHUTDOWN"]),
            Row(1, string.Empty, ExecutorVersion.Unknown, GatingMode.Undetermined));

        var fleet = FleetAggregator.Build([web, api], [], T0);

        Assert.Equal(4, fleet.Totals.Hosts);
        Assert.Equal(2, fleet.HostGroups.Count);
        var first = fleet.HostGroups[0];
        Assert.Equal((ExecutorVersion.VCurrent, 3), (first.Executor, first.Hosts));
        Assert.Equal(["GRACEFUL_SHUTDOWN", "HEALTH_GATED_RUNNING"], first.Capabilities);
        Assert.Equal(["h1", "h2", "h4"], first.SampleHosts);
        Assert.Equal((ExecutorVersion.VPrev, 1), (fleet.HostGroups[1].Executor, fleet.HostGroups[1].Hosts));
        Assert.Equal(5, fleet.Totals.Instances);
    }

    [Fact]
    public void Build_HostWithARunningAndAStartingTask_TakesTheRowThatAdvertisedCapabilities()
    {
        var web = Input(Web, "web-1", T0, UpdateStatus.RollingForward,
            Row(0, "h1", ExecutorVersion.VCurrent, GatingMode.HealthGated, ["HEALTH_GATED_RUNNING"]),
            Row(1, "h1", ExecutorVersion.VCurrent, GatingMode.Undetermined),
            Row(2, "h1", ExecutorVersion.Unknown, GatingMode.Undetermined));

        var group = Assert.Single(FleetAggregator.Build([web], [], T0).HostGroups);

        Assert.Equal(["HEALTH_GATED_RUNNING"], group.Capabilities);
        Assert.Equal(ExecutorVersion.VCurrent, group.Executor);
    }

    [Fact]
    public void Build_WatchSecsInstances_ListTheJobWithItsMostCommonReasons()
    {
        var web = Input(Web, "web-1", T0, UpdateStatus.RollingForward,
            (Row(0, "h1", ExecutorVersion.VPrev, GatingMode.WatchSecs), "S2: RUNNING without any capabilities"),
            (Row(1, "h2", ExecutorVersion.VPrev, GatingMode.WatchSecs), "S2: RUNNING without any capabilities"),
            (Row(2, "h3", ExecutorVersion.VCurrent, GatingMode.WatchSecs), "S2: the task defines no health check"),
            (Row(3, "h4", ExecutorVersion.VCurrent, GatingMode.HealthGated), "S2: advertises HEALTH_GATED_RUNNING"));

        var job = Assert.Single(FleetAggregator.Build([web], [], T0).WatchSecsJobs);

        Assert.Equal((3, 4), (job.WatchSecs, job.Instances));
        Assert.Equal(
            [new ReasonCount("S2: RUNNING without any capabilities", 2), new ReasonCount("S2: the task defines no health check", 1)],
            job.Reasons);
    }

    [Fact]
    public void Build_HazardsAndFailures_AreListedMostUrgentFirstWithTheirInstances()
    {
        var rows = Enumerable.Range(0, 25).Select(i => Row(i, $"h{i}", ExecutorVersion.VPrev, GatingMode.WatchSecs, hazards: ["WATCH_SECS_ZERO_WITHOUT_GATING"])).ToArray();
        var hazardous = Input(Web, "web-1", T0, UpdateStatus.RollingForward, rows);
        var paused = Input(Api, "api-1", T0, UpdateStatus.RollForwardPaused, Row(0, "a1", ExecutorVersion.VCurrent, GatingMode.HealthGated));

        var items = FleetAggregator.Build([paused, hazardous], [], T0).NeedsAttention;

        Assert.Equal([AttentionKind.Hazard, AttentionKind.Paused], items.Select(i => i.Kind));
        var hazard = items[0];
        Assert.Equal(25, hazard.InstanceCount);
        Assert.Equal(Enumerable.Range(0, FleetAggregator.InstancesPerItem), hazard.Instances);
        Assert.Contains("WATCH_SECS_ZERO_WITHOUT_GATING", hazard.Text, StringComparison.Ordinal);
        Assert.Equal("pay/prod/api", items[1].Job);
    }

    [Fact]
    public void Build_FailedUpdate_StaysInTheListForADayOnly()
    {
        var failed = Input(Web, "web-1", T0, UpdateStatus.RolledBack, Row(0, "h1", ExecutorVersion.VCurrent, GatingMode.HealthGated));

        Assert.Equal(AttentionKind.UpdateFailed, Assert.Single(FleetAggregator.Build([failed], [], T0.AddHours(23)).NeedsAttention).Kind);
        Assert.Empty(FleetAggregator.Build([failed], [], T0.AddHours(25)).NeedsAttention);
    }

    [Fact]
    public void Build_FinishedLatestUpdateWithHazards_ListsThemForADayUntilANewerUpdateReplacesIt()
    {
        var hazard = Row(0, "h1", ExecutorVersion.VPrev, GatingMode.WatchSecs, hazards: ["WATCH_SECS_ZERO_WITHOUT_GATING"]);
        var finished = Input(Web, "web-1", T0, UpdateStatus.RolledForward, hazard);

        var item = Assert.Single(FleetAggregator.Build([finished], [], T0.AddHours(1)).NeedsAttention);
        Assert.Equal(AttentionKind.Hazard, item.Kind);
        Assert.Contains("left running by the ROLLED_FORWARD update", item.Text, StringComparison.Ordinal);
        Assert.Empty(FleetAggregator.Build([finished], [], T0.AddHours(25)).NeedsAttention);

        var newer = Input(Web, "web-2", T0.AddMinutes(5), UpdateStatus.RolledForward, Row(0, "h1", ExecutorVersion.VCurrent, GatingMode.HealthGated));
        Assert.Empty(FleetAggregator.Build([finished, newer], [], T0.AddHours(1)).NeedsAttention);
    }

    [Fact]
    public void Build_AwaitingPulseWithAnExpiredDeadline_SaysSo()
    {
        var waiting = Input(Web, "web-1", T0, UpdateStatus.RollForwardAwaitingPulse, Row(0, "h1", ExecutorVersion.VCurrent, GatingMode.HealthGated)) with
        {
            Update = Update(Web, "web-1", T0, UpdateStatus.RollForwardAwaitingPulse, [Row(0, "h1", ExecutorVersion.VCurrent, GatingMode.HealthGated)]) with { PulseDeadline = T0.AddSeconds(30) },
        };

        var item = Assert.Single(FleetAggregator.Build([waiting], [], T0.AddMinutes(1)).NeedsAttention);

        Assert.Equal(AttentionKind.AwaitingPulse, item.Kind);
        Assert.Contains("expired", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_CountsHostsAndModesOfTheLatestUpdates()
    {
        var web = Input(Web, "web-1", T0, UpdateStatus.RollingForward,
            Row(0, "h1", ExecutorVersion.VCurrent, GatingMode.HealthGated),
            Row(1, "h2", ExecutorVersion.VPrev, GatingMode.WatchSecs),
            Row(2, "h3", ExecutorVersion.VPrev, GatingMode.WatchSecs),
            Row(3, "h4", ExecutorVersion.VPrev, GatingMode.WatchSecs));

        var point = FleetAggregator.Sample([web], T0);

        Assert.Equal(new AdoptionPoint(T0, 4, 1, 1, 3), point);
        Assert.Equal(0.25, point.VCurrentShare);
        Assert.Equal(0.25, point.HealthGatedShare);
    }

    private static FleetInput Input(JobKey job, string id, DateTimeOffset created, UpdateStatus status, params InstanceView[] rows) =>
        Input(job, id, created, status, rows.Select(r => (r, "reason")).ToArray());

    private static FleetInput Input(JobKey job, string id, DateTimeOffset created, UpdateStatus status, params (InstanceView Row, string Reason)[] rows) =>
        new(Update(job, id, created, status, rows.Select(r => r.Row).ToArray()), rows);

    private static UpdateView Update(JobKey job, string id, DateTimeOffset created, UpdateStatus status, InstanceView[] rows) =>
        new($"{job}#{id}", job, id, status, "alice", created, created, DetectionStrategy.Capabilities, new UpdateSettings { WatchSecs = 30, MaxFailedInstances = 2 },
            null, rows.Length, 0, 0,
            rows.Count(r => r.GatingMode == GatingMode.HealthGated), rows.Count(r => r.GatingMode == GatingMode.WatchSecs),
            rows.Count(r => r.GatingMode == GatingMode.Undetermined), rows.Sum(r => r.Hazards.Count), null);

    private static InstanceView Row(int id, string host, ExecutorVersion executor, GatingMode mode, string[]? capabilities = null, string[]? hazards = null) =>
        new(id, $"t{id}", TaskState.Running, host, executor, capabilities ?? [], [], HealthState.Healthy, null, mode, null, mode, hazards ?? [], InstanceAction.InstanceUpdating, 0);
}
