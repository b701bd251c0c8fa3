using Bunit;
using Rollout.Client.Components;
using Rollout.Client.Tests.Support;
using Rollout.Domain.Dashboard;

namespace Rollout.Client.Tests.Components;

public class InstanceTableTests : ClientTest
{
    private static InstanceView[] Instances(int count) => [.. Enumerable.Range(0, count).Select(Views.Instance)];

    [Fact]
    public void Render_WhileTheSnapshotStillArrives_WaitsThenShowsEveryRow()
    {
        var cut = Render<InstanceTable>(p => p.Add(c => c.Instances, Instances(2)).Add(c => c.Loading, true));

        Assert.Contains("loading… 2 instances so far", cut.Find("[aria-live=polite]").TextContent, StringComparison.Ordinal);
        Assert.Equal("0", cut.Find("table").GetAttribute("aria-rowcount"));

        cut.Render(p => p.Add(c => c.Instances, Instances(3)).Add(c => c.Loading, false));

        cut.WaitForAssertion(() => Assert.Equal("3", cut.Find("table").GetAttribute("aria-rowcount")), Wait);
        Assert.Equal("3 instances", cut.Find("[aria-live=polite]").TextContent.Trim());
    }

    [Fact]
    public void Render_UpdateEnds_InstancesNeverActedOnAreNotTouchedInsteadOfWaiting()
    {
        InstanceView[] rows = [Views.Instance(0) with { UpdateAction = Domain.Model.InstanceAction.InstanceRolledBack }, Views.Instance(1) with { UpdateAction = null }];
        var cut = Render<InstanceTable>(p => p.Add(c => c.Instances, rows));

        cut.WaitForAssertion(() => Assert.Equal(["rolled back", "waiting"], ActionCells(cut)), Wait);

        cut.Render(p => p.Add(c => c.Instances, rows).Add(c => c.UpdateFinished, true));

        cut.WaitForAssertion(() => Assert.Equal(["rolled back", "not touched"], ActionCells(cut)), Wait);
    }

    /// <summary>The "Update action" cell of each row (the virtualizer's spacer rows are hidden).</summary>
    private static string[] ActionCells(IRenderedComponent<InstanceTable> cut) =>
        [.. cut.FindAll("tbody tr:not([aria-hidden])").Select(r => r.Children[7].TextContent.Trim())];
}
