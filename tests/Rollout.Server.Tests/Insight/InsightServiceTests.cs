using Microsoft.Extensions.Time.Testing;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Events;
using Rollout.Domain.Insight;
using Rollout.Domain.Model;
using Rollout.Server.Insight;
using Rollout.Server.ReadModel;
using static Rollout.Server.Tests.Support.Events;

namespace Rollout.Server.Tests.Insight;

/// <summary>The live insight service over a model fed by hand: its cache, its incremental feed, its eviction.</summary>
public class InsightServiceTests
{
    private readonly FakeTimeProvider _time = new(T0.AddSeconds(5));

    private DashboardModel NewRollingModel()
    {
        var model = new DashboardModel(_time, TimeSpan.FromSeconds(15));
        model.ApplyStatus(TaskUpdate(0, "t0", TaskState.Running, -90, VCurrentRunning));
        model.ApplyStatus(TaskUpdate(1, "t1", TaskState.Running, -90, VCurrentRunning));
        model.ApplyUpdater(Started(instances: 2));
        model.ApplyUpdater(Status(UpdateStatus.RollingForward));
        model.Publish();
        return model;
    }

    [Fact]
    public void View_UnknownUpdate_IsNull()
    {
        var service = new InsightService(NewRollingModel(), _time);

        Assert.Null(service.View(Key with { Id = "web-9" }));
        Assert.Null(service.Detail(Key with { Id = "web-9" }, 0));
        Assert.Equal(0, service.Held);
    }

    [Fact]
    public void View_WithinASecond_ReusesTheBuiltViewThenRefreshesAfter()
    {
        var model = NewRollingModel();
        var service = new InsightService(model, _time);

        var first = service.View(Key);
        model.ApplyUpdater(Status(UpdateStatus.RollForwardPaused, 4, "carol", "hold on"));
        model.Publish();
        _time.Advance(TimeSpan.FromMilliseconds(900));
        var cached = service.View(Key);
        _time.Advance(TimeSpan.FromMilliseconds(200));
        var fresh = service.View(Key);

        Assert.NotNull(first);
        Assert.Same(first, cached);
        Assert.NotSame(first, fresh);
        Assert.Equal(UpdateStatus.RollingForward, first.Status);
        Assert.Equal(UpdateStatus.RollForwardPaused, fresh!.Status);
        var paused = fresh.Blockers.Find(BlockingKind.Paused);
        Assert.NotNull(paused);
        Assert.Contains("carol", paused.Text, StringComparison.Ordinal);
        Assert.Equal(DashboardKeys.Of(Key), fresh.UpdateKey);
        Assert.Equal(2, service.Builds);
    }

    [Fact]
    public void Detail_BatchOfTheTimeline_HoldsItsInstancesAndUnknownBatchIsNull()
    {
        var model = NewRollingModel();
        model.ApplyUpdater(Action(0, InstanceAction.InstanceUpdating, 1));
        model.ApplyUpdater(Action(1, InstanceAction.InstanceUpdating, 1));
        model.Publish();
        var service = new InsightService(model, _time);

        var detail = service.Detail(Key, 0);

        Assert.NotNull(detail);
        Assert.Equal([0, 1], detail.InstanceIds);
        Assert.Equal(detail.InstanceIds.Length + 1, detail.SegmentOffsets.Length);
        Assert.Null(service.Detail(Key, 7));
        Assert.Null(service.Detail(Key, -1));
    }

    [Fact]
    public void Summaries_ActiveAndTerminalUpdates_ListsOnlyTheActive()
    {
        var model = NewRollingModel();
        var done = Key with { Id = "web-0" };
        model.ApplyUpdater(Started(instances: 2) with { Update = done, Timestamp = T0.AddSeconds(-60) });
        model.ApplyUpdater(new UpdateStatusChanged(done, T0.AddSeconds(-30), UpdateStatus.RolledForward, "alice", string.Empty));
        model.Publish();
        var service = new InsightService(model, _time);

        var summaries = service.Summaries();

        Assert.Contains(model.Updates(), u => u.UpdateId == "web-0");
        var only = Assert.Single(summaries);
        Assert.Equal(DashboardKeys.Of(Key), only.UpdateKey);
        Assert.False(string.IsNullOrEmpty(only.Headline));
    }

    [Fact]
    public void View_UpdateGoneFromTheModel_IsNullAndItsFoldIsDropped()
    {
        var model = NewRollingModel();
        var service = new InsightService(model, _time);
        Assert.NotNull(service.View(Key));
        Assert.Equal(1, service.Held);

        model.ReplaceUpdater([]); // the upstream restarted holding nothing
        model.Publish();

        Assert.Null(service.View(Key));
        Assert.Equal(0, service.Held);
    }

    [Fact]
    public void View_MoreUpdatesThanTheCap_HoldsOnlyTheMostRecentlyUsed()
    {
        var model = NewRollingModel();
        foreach (var id in new[] { "web-2", "web-3" })
            model.ApplyUpdater(Started(instances: 2) with { Update = Key with { Id = id } });
        model.Publish();
        var service = new InsightService(model, _time, maxHeld: 2);

        service.View(Key);
        _time.Advance(TimeSpan.FromSeconds(2));
        service.View(Key with { Id = "web-2" });
        _time.Advance(TimeSpan.FromSeconds(2));
        service.View(Key with { Id = "web-3" });

        Assert.Equal(2, service.Held);
        var before = service.Builds;
        service.View(Key with { Id = "web-3" }); // still cached: it was kept
        Assert.Equal(before, service.Builds);
    }
}
