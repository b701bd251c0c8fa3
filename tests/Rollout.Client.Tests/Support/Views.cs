using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Support;

internal static class Views
{
    public const string Key = "www-data/prod/web#web-1";

    public static readonly DateTimeOffset T0 = new(2026, 5, 1, 11, 0, 0, TimeSpan.Zero);

    public static UpdateView Update(UpdateStatus status) =>
        new(Key, new JobKey("www-data", "prod", "web"), "web-1", status, "alice", T0, T0,
            DetectionStrategy.Capabilities, new UpdateSettings { WatchSecs = 30 }, null, 4, 1, 0, 1, 1, 0, 0, null);

    public static InstanceView Instance(int id = 0) =>
        new(id, "task-0", TaskState.Running, "host-1", ExecutorVersion.VCurrent, ["HEALTH_GATED_RUNNING"], ["WARP_DRIVE"],
            HealthState.Healthy, new HealthCheckProgress(2, 0, 4, 5, 2, 2), GatingMode.HealthGated, null,
            GatingMode.HealthGated, ["UPDATER_DISAGREES_WITH_EVIDENCE"], InstanceAction.InstanceUpdated, 1);

    public static InstanceDetail Detail(InstanceView instance) =>
        new(Key, instance, "S2: advertises HEALTH_GATED_RUNNING", "S2: advertises",
            [new HazardView("UPDATER_DISAGREES_WITH_EVIDENCE", "the updater chose X")],
            [
                new VerdictView(DetectionStrategy.MessagePresence, ExecutorVersion.VCurrent, true, "RUNNING message says \"Task is healthy.\"", T0, false, false),
                new VerdictView(DetectionStrategy.Capabilities, ExecutorVersion.VCurrent, true, "advertises HEALTH_GATED_RUNNING", T0, false, true),
                new VerdictView(DetectionStrategy.SettingsBit, ExecutorVersion.VPrev, false, "executorDrivenUpdates bit not set", null, true, false),
            ],
            []);
}
