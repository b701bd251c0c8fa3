using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.ReadModel;

/// <summary>Values this build does not know: what they came in is kept, they are shown where they apply and counted; nothing gates on them.</summary>
public class UnknownInputModelTests
{
    private static readonly string KeyText = DashboardKeys.Of(Key);
    private readonly FakeTimeProvider _time = new(T0);

    private DashboardModel NewModel() => new(_time, TimeSpan.FromSeconds(15));

    private static InstanceView Row(DashboardModel model, int instance)
    {
        model.Publish();
        return model.UpdateSnapshot(KeyText).DecodeRows().Single(i => i.InstanceId == instance);
    }

    private static TaskStatusUpdate UnknownState(int instance, string taskId, int number, int second) =>
        TaskUpdate(instance, taskId, TaskState.Unknown, second, "odd") with { UnknownState = number };

    [Fact]
    public void Fold_UnknownTaskState_IsInTheTimelineButTheInstanceKeepsItsLastKnownState()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(TaskUpdate(1, "t1", TaskState.Running, 20, VCurrentRunning));
        model.ApplyStatus(UnknownState(1, "t1", 17, 25));

        var row = Row(model, 1);
        var detail = model.Detail(Key, 1)!;

        Assert.Equal(("t1", TaskState.Running, GatingMode.HealthGated, HealthState.Healthy), (row.TaskId, row.TaskStatus, row.GatingMode, row.HealthState));
        Assert.Equal(["RUNNING", "UNKNOWN(17)"], detail.Timeline.Select(e => e.StateName()));
        Assert.Equal(17, detail.Timeline[^1].UnknownState);
        Assert.Contains(model.UpdateSnapshot(KeyText).Tail, t => t.Text == "#1 UNKNOWN(17) odd");
        Assert.Equal(1, model.UnknownValues[UnknownValueKind.TaskState]);
    }

    [Fact]
    public void Fold_NewTaskWithOnlyAnUnknownState_HasNoKnownStateAndGivesNoEvidence()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(UnknownState(0, "t0", 17, 5) with { Message = "Task is healthy. capabilities:HEALTH_GATED_RUNNING" });

        var row = Row(model, 0);

        Assert.Equal("t0", row.TaskId);
        Assert.Null(row.TaskStatus);
        Assert.Equal(GatingMode.Undetermined, row.GatingMode);
        Assert.Empty(row.Capabilities);
    }

    [Fact]
    public void Fold_UnknownDetectionStrategy_KeepsTheUpdateWithEveryInstanceUndetermined()
    {
        var model = NewModel();
        var started = Started(instances: 2, bit: true) with { DetectionStrategy = DetectionStrategy.Unknown, UnknownDetectionStrategy = 7 };
        model.ApplyUpdater(started);
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, 20, VCurrentRunning)); // S1, S2 and S3 would each gate it

        var row = Row(model, 0);
        var snapshot = model.UpdateSnapshot(KeyText);
        var detail = model.Detail(Key, 0)!;

        Assert.Equal(DetectionStrategy.Unknown, snapshot.Update!.DetectionStrategy);
        Assert.Equal((2, 0, 1), (snapshot.Update.InstanceCount, snapshot.Update.HealthGatedCount, snapshot.Update.UndeterminedCount));
        Assert.Equal(GatingMode.Undetermined, row.GatingMode);
        Assert.Null(row.WatchDeadline);
        Assert.Contains("not one this dashboard knows", detail.GatingReason, StringComparison.Ordinal);
        Assert.DoesNotContain(detail.Verdicts, v => v.UsedByUpdater);
        Assert.Contains(snapshot.Tail, t => t.Text.Contains("detection strategy UNKNOWN(7)", StringComparison.Ordinal));
        Assert.Equal(1, model.UnknownValues[UnknownValueKind.DetectionStrategy]);
    }

    [Fact]
    public void Fold_UnknownGatingMode_IsShownUndeterminedWithItsNumber()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, 20, VCurrentRunning));
        model.ApplyUpdater(Decision(0, "t0", GatingMode.Undetermined, 20) with { UnknownMode = 9 });

        var row = Row(model, 0);
        var detail = model.Detail(Key, 0)!;

        Assert.Equal(GatingMode.Undetermined, row.UpdaterDecision);
        Assert.Empty(row.Hazards); // an unknown mode never disagrees with the evidence
        Assert.StartsWith("UNKNOWN(9) is not a gating mode this dashboard knows", detail.UpdaterDecisionReason, StringComparison.Ordinal);
        Assert.Contains(model.UpdateSnapshot(KeyText).Tail, t => t.Text == "#0 updater chose UNKNOWN(9) (shown as UNDETERMINED): test");
        Assert.Equal(1, model.UnknownValues[UnknownValueKind.GatingMode]);
    }

    [Fact]
    public void Fold_NonCanonicalCapability_IsShownUnknownCountedAndNeverGates()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, 20, "Task is healthy. capabilities:health_gated_running,HEALTH-CHECK-PROGRESS"));

        var row = Row(model, 0);

        Assert.Empty(row.Capabilities);
        Assert.Equal(["health_gated_running", "HEALTH-CHECK-PROGRESS"], row.UnknownCapabilities);
        Assert.Equal(GatingMode.WatchSecs, row.GatingMode);
        Assert.Equal(2, model.UnknownValues[UnknownValueKind.Capability]);
    }

    [Fact]
    public void Count_EveryKind_IsTotalledAndDuplicatesAreNotCountedAgain()
    {
        var model = NewModel();
        UpdaterEvent[] updater = [Started() with { DetectionStrategy = DetectionStrategy.Unknown, UnknownDetectionStrategy = 7 },
            Decision(0, "t0", GatingMode.Undetermined, 20) with { UnknownMode = 9 }];
        TaskStatusUpdate[] status = [UnknownState(0, "t0", 17, 5), TaskUpdate(0, "t0", TaskState.Running, 20, "capabilities:WARP_DRIVE")];

        for (var i = 0; i < 2; i++)
        {
            foreach (var e in updater) model.ApplyUpdater(e);
            foreach (var u in status) model.ApplyStatus(u);
        }

        Assert.Equal(4, model.UnknownValues.Total);
        Assert.Equal(
            new Dictionary<string, long> { ["taskState"] = 1, ["detectionStrategy"] = 1, ["gatingMode"] = 1, ["capability"] = 1 },
            model.UnknownValues.ByKind());
    }

    [Fact]
    public void Publish_UnknownValueCounted_TellsEveryViewTheNewCount()
    {
        var model = NewModel();
        model.ApplyUpdater(Started());
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, 20));
        Assert.Equal(0, model.Publish()!.Batches[DashboardViews.List].Connection!.UnknownValues);

        model.ApplyStatus(UnknownState(0, "t0", 17, 21));
        var batches = model.Publish()!.Batches;

        Assert.Equal(1, batches[DashboardViews.List].Connection!.UnknownValues);
        Assert.Equal(1, batches[KeyText].Connection!.UnknownValues);
        Assert.Equal(1, model.ListSnapshot().Connection.UnknownValues);
    }
}
