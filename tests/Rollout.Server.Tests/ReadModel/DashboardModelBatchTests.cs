using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Gating;
using Rollout.Domain.Model;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.ReadModel;

/// <summary>Events that arrived together fold under one lock, exactly as they would one by one.</summary>
public class DashboardModelBatchTests
{
    private static readonly string KeyText = DashboardKeys.Of(Key);

    private static readonly TaskStatusUpdate[] Burst =
    [
        TaskUpdate(0, "t0", TaskState.Pending, 1),
        TaskUpdate(1, "t1", TaskState.Pending, 1),
        TaskUpdate(0, "t0", TaskState.Starting, 2, "Initializing sandbox."),
        TaskUpdate(0, "t0", TaskState.Starting, 2, "Initializing sandbox."), // a duplicate changes nothing
        TaskUpdate(1, "t1", TaskState.Starting, 3, "Health check failed", new HealthCheckProgress(0, 1, 1, 5, 2, 0)),
        TaskUpdate(0, "t0", TaskState.Running, 9, VCurrentRunning, new HealthCheckProgress(2, 0, 2, 5, 2, 0)),
        TaskUpdate(1, "t0-old", TaskState.Killed, 0), // late event of an older task
        TaskUpdate(2, "t2", TaskState.Running, 4),
    ];

    private readonly FakeTimeProvider _time = new(T0);

    private DashboardModel StartedModel()
    {
        var model = new DashboardModel(_time, TimeSpan.FromSeconds(15));
        model.ApplyUpdater(Started());
        model.Publish();
        return model;
    }

    /// <summary>Each view's batch must say the same, but for the epoch: each model draws its own.</summary>
    private static void AssertSameDeltas(ChangeSet expected, ChangeSet actual)
    {
        Assert.Equal(expected.Batches.Keys.Order(), actual.Batches.Keys.Order());
        foreach (var (view, e) in expected.Batches)
        {
            var a = actual.Batches[view];
            Assert.Equal((e.PreviousVersion, e.Version, e.Clock, e.Connection), (a.PreviousVersion, a.Version, a.Clock, a.Connection));
            Assert.Equal(e.Updates, a.Updates);
            Assert.Equal(e.RemovedUpdates, a.RemovedUpdates);
            Assert.Equal(e.DecodeRows(), a.DecodeRows());
            Assert.Equal(e.History, a.History);
            Assert.Equal(e.Tail, a.Tail);
        }
    }

    [Fact]
    public void ApplyStatus_Batch_SameModelAndDeltasAsOneByOne()
    {
        var oneByOne = StartedModel();
        var batched = StartedModel();

        foreach (var update in Burst) oneByOne.ApplyStatus(update);
        var failures = batched.ApplyStatus(Burst);

        Assert.Empty(failures);
        AssertSameDeltas(oneByOne.Publish()!, batched.Publish()!);
        Assert.Equal(oneByOne.UpdateSnapshot(KeyText).DecodeRows(), batched.UpdateSnapshot(KeyText).DecodeRows());
        Assert.Equal(oneByOne.UpdateSnapshot(KeyText).Tail, batched.UpdateSnapshot(KeyText).Tail);
        Assert.Equal(oneByOne.Detail(Key, 1), batched.Detail(Key, 1), InstanceDetailComparer.Instance);
        Assert.Equal(oneByOne.SchedulerNow, batched.SchedulerNow);
    }

    [Fact]
    public void ApplyUpdater_Batch_SameModelAndDeltasAsOneByOne()
    {
        UpdaterEvent[] events =
        [
            Started(), Status(UpdateStatus.RollingForward, 1), Action(0, InstanceAction.InstanceUpdating, 2),
            Decision(0, "t0", GatingMode.WatchSecs, 3), Action(0, InstanceAction.InstanceUpdated, 4), Status(UpdateStatus.RolledForward, 5),
        ];
        var oneByOne = new DashboardModel(_time, TimeSpan.FromSeconds(15));
        var batched = new DashboardModel(_time, TimeSpan.FromSeconds(15));

        foreach (var e in events) oneByOne.ApplyUpdater(e);
        var failures = batched.ApplyUpdater(events);

        Assert.Empty(failures);
        AssertSameDeltas(oneByOne.Publish()!, batched.Publish()!);
    }

    [Fact]
    public void ApplyStatus_BadEventMidBatch_IsReportedAndTheOthersFold()
    {
        var model = StartedModel();
        var bad = TaskUpdate(1, "t1", TaskState.Starting, 3) with { Message = null! }; // the fold cannot take it

        var failures = model.ApplyStatus([TaskUpdate(0, "t0", TaskState.Running, 2), bad, TaskUpdate(2, "t2", TaskState.Running, 4)]);

        var failure = Assert.Single(failures);
        Assert.Equal(1, failure.Index);
        model.Publish();
        var rows = model.UpdateSnapshot(KeyText).DecodeRows().ToDictionary(r => r.InstanceId);
        Assert.Equal(TaskState.Running, rows[0].TaskStatus);
        Assert.Equal(TaskState.Running, rows[2].TaskStatus);
        Assert.Equal(string.Empty, rows[1].TaskId);
    }

    [Fact]
    public void ApplyStatus_Batch_NotifiesListenersOnce()
    {
        var model = StartedModel();
        var notified = 0;
        model.Changed += () => notified++;

        model.ApplyStatus(Burst);

        Assert.Equal(1, notified);
    }

    [Fact]
    public void ApplyStatus_EmptyBatch_ChangesAndNotifiesNothing()
    {
        var model = StartedModel();
        var notified = 0;
        model.Changed += () => notified++;

        var failures = model.ApplyStatus(Array.Empty<TaskStatusUpdate>());

        Assert.Empty(failures);
        Assert.Equal(0, notified);
        Assert.False(model.HasPendingChanges);
    }

    /// <summary>Details hold lists, so compare what they say.</summary>
    private sealed class InstanceDetailComparer : IEqualityComparer<InstanceDetail?>
    {
        public static readonly InstanceDetailComparer Instance = new();

        public bool Equals(InstanceDetail? x, InstanceDetail? y) =>
            x is not null && y is not null && x.GatingReason == y.GatingReason && x.Instance == y.Instance && x.Verdicts.SequenceEqual(y.Verdicts) && x.Timeline.SequenceEqual(y.Timeline);

        public int GetHashCode(InstanceDetail? obj) => 0;
    }
}
