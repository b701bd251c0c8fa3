using Rollout.Domain.Model;
using Rollout.Emulator.Updater.Strategies;

namespace Rollout.Emulator.Tests.Updater.Strategies;

/// <summary>
/// Aurora's rollback re-runs the same strategy over all of the update's instances in reverse order; instances
/// that were never touched are no-ops. Simulated here by taking each group and marking it all done.
/// </summary>
public class RollbackGroupsTests
{
    private static List<int[]> Simulate(UpdateStrategy strategy, IEnumerable<int> instances)
    {
        var idle = instances.ToHashSet();
        var groups = new List<int[]>();
        while (idle.Count > 0)
        {
            var group = strategy.NextGroup(idle, []).ToArray();
            Assert.NotEmpty(group);
            groups.Add(group);
            idle.ExceptWith(group);
        }

        return groups;
    }

    // The example: 5 instances, batches of 2, failing in batch (2, 3) while rolling forward.
    [Fact]
    public void NextGroup_BatchOfTwoRollbackOfFiveInstances_GroupsFourThreeThenTwoOneThenZero()
    {
        var ids = Enumerable.Range(0, 5).ToArray();
        var rollback = new BatchStrategy(new InstanceOrdering(ids, ids).Reverse(), 2);

        var groups = Simulate(rollback, ids);

        Assert.Equal([[4, 3], [2, 1], [0]], groups);
    }

    [Fact]
    public void For_BatchSettingsRollingBack_UsesTheReverseOrdering()
    {
        var ids = Enumerable.Range(0, 5).ToArray();
        var settings = new UpdateSettings { Strategy = UpdateStrategyKind.Batch, GroupSize = 2 };

        var groups = Simulate(UpdateStrategies.For(settings, new InstanceOrdering(ids, ids), rollingForward: false), ids);

        Assert.Equal([[4, 3], [2, 1], [0]], groups);
    }

    [Fact]
    public void For_BatchSettingsRollingForward_UsesTheForwardOrdering()
    {
        var ids = Enumerable.Range(0, 5).ToArray();
        var settings = new UpdateSettings { Strategy = UpdateStrategyKind.Batch, GroupSize = 2 };

        var groups = Simulate(UpdateStrategies.For(settings, new InstanceOrdering(ids, ids), rollingForward: true), ids);

        Assert.Equal([[0, 1], [2, 3], [4]], groups);
    }
}
