using Rollout.Client.Components;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Gating;
using Rollout.Domain.Inference;
using Rollout.Domain.Model;

namespace Rollout.Client.Tests.Components;

public class InstanceTableModelTests
{
    private static InstanceView Row(int id, string host, TaskState? status, GatingMode mode = GatingMode.Undetermined, params string[] hazards) =>
        InstanceView.NotStarted(id) with { Host = host, TaskStatus = status, GatingMode = mode, Hazards = hazards };

    private static readonly InstanceView[] Source =
    [
        Row(0, "host-b", TaskState.Running, GatingMode.WatchSecs),
        Row(1, "host-a", TaskState.Starting, GatingMode.HealthGated),
        Row(2, "host-c", null),
        Row(3, "host-a", TaskState.Running, GatingMode.HealthGated, "SETTINGS_BIT_WITH_VPREV_EXECUTOR"),
    ];

    [Fact]
    public void Update_ByDefault_KeepsIdOrder()
    {
        var model = new InstanceTableModel();
        model.Update(Source);

        Assert.Equal([0, 1, 2, 3], model.Rows.Select(r => r.InstanceId));
    }

    [Fact]
    public void Sort_ByStatus_IsStableAndFlipsOnTheSecondClick()
    {
        var model = new InstanceTableModel();
        model.Update(Source);

        model.Sort(InstanceColumn.TaskStatus);
        Assert.Equal([2, 1, 0, 3], model.Rows.Select(r => r.InstanceId)); // no task first; ties in id order

        model.Sort(InstanceColumn.TaskStatus);
        Assert.True(model.Descending);
        Assert.Equal([0, 3, 1, 2], model.Rows.Select(r => r.InstanceId));
    }

    [Fact]
    public void Sort_ByHost_OrdersByNameThenId()
    {
        var model = new InstanceTableModel();
        model.Update(Source);

        model.Sort(InstanceColumn.Host);

        Assert.Equal([1, 3, 0, 2], model.Rows.Select(r => r.InstanceId));
    }

    [Theory]
    [InlineData("host-a", new[] { 1, 3 })]
    [InlineData("3", new[] { 3 })]
    [InlineData("health-gated", new[] { 1, 3 })]
    [InlineData("SETTINGS_BIT", new[] { 3 })]
    [InlineData("nothing like it", new int[0])]
    public void SetFilter_KeepsMatchingRows(string filter, int[] expected)
    {
        var model = new InstanceTableModel();
        model.Update(Source);

        model.SetFilter(filter);

        Assert.Equal(expected, model.Rows.Select(r => r.InstanceId));
    }

    [Fact]
    public void Update_KeepsSortAndFilterAcrossNewData()
    {
        var model = new InstanceTableModel();
        model.Update(Source);
        model.Sort(InstanceColumn.Hazards);
        model.Sort(InstanceColumn.Hazards); // descending: hazards first
        model.SetFilter("host-a");

        model.Update([.. Source.Select(r => r.InstanceId == 1 ? r with { Hazards = ["X", "Y"] } : r)]);

        Assert.Equal([1, 3], model.Rows.Select(r => r.InstanceId));
    }

    [Fact]
    public void Update_TenThousandRows_SortsEveryOne()
    {
        var rows = Enumerable.Range(0, 10_000).Select(i => Row(i, $"h{i % 7}", (TaskState)(i % 5))).ToArray();
        var model = new InstanceTableModel();
        model.Update(rows);

        model.Sort(InstanceColumn.TaskStatus);

        Assert.Equal(10_000, model.Rows.Length);
        Assert.True(model.Rows.Zip(model.Rows.Skip(1)).All(p =>
            p.First.TaskStatus < p.Second.TaskStatus || (p.First.TaskStatus == p.Second.TaskStatus && p.First.InstanceId < p.Second.InstanceId)));
    }

    [Fact]
    public void SetFilter_UpdateFinished_MatchesNotTouchedInsteadOfWaiting()
    {
        var model = new InstanceTableModel();
        model.Update(Source);
        model.SetFilter("waiting");
        Assert.Equal(4, model.Rows.Length);

        model.UpdateFinished = true;
        model.SetFilter("not touched");

        Assert.Equal(4, model.Rows.Length);
        model.SetFilter("waiting");
        Assert.Empty(model.Rows);
    }
}
