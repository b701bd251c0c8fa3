using Rollout.Emulator.Updater.Strategies;

namespace Rollout.Emulator.Tests.Updater.Strategies;

/// <summary>The ordering cases of Aurora's UpdateFactoryImplTest.java (UpdateFactory.UpdateOrdering).</summary>
public class InstanceOrderingTests
{
    /// <summary>Guava's Ordering.isOrdered: each element is no greater than the next.</summary>
    private static bool IsOrdered(InstanceOrdering ordering, params int[] ids)
    {
        for (var i = 1; i < ids.Length; i++)
        {
            if (ordering.Compare(ids[i - 1], ids[i]) > 0) return false;
        }

        return true;
    }

    private static void AssertOrders(InstanceOrdering ordering, int[] forward, int[] backward)
    {
        Assert.True(IsOrdered(ordering, forward));
        Assert.Equal(forward, ordering.Sort(forward.Reverse()));
        Assert.True(IsOrdered(ordering.Reverse(), backward));
        Assert.Equal(backward, ordering.Reverse().Sort(backward.Reverse()));
    }

    // Aurora: UpdateFactoryImplTest.testUpdateOrdering (UpdateFactoryImplTest.java)
    [Fact]
    public void Compare_UpdateOnly_IsNumericForwardAndDescendingBack()
    {
        var ordering = new InstanceOrdering([0, 1, 2, 3], [0, 1, 2, 3]);
        AssertOrders(ordering, [0, 1, 2, 3], [3, 2, 1, 0]);
    }

    // Aurora: UpdateFactoryImplTest.testUpdateCreateOrdering (UpdateFactoryImplTest.java)
    [Fact]
    public void Compare_CreateAndUpdate_CreatesFirstForwardAndLastBack()
    {
        var ordering = new InstanceOrdering([0, 1, 2, 3], [0, 1, 2, 3, 4, 5]);
        AssertOrders(ordering, [4, 5, 0, 1, 2, 3], [3, 2, 1, 0, 5, 4]);
    }

    // Aurora: UpdateFactoryImplTest.testUpdateKillOrdering (UpdateFactoryImplTest.java)
    [Fact]
    public void Compare_UpdateAndKill_KillsLastForwardAndFirstBack()
    {
        var ordering = new InstanceOrdering([0, 1, 2, 3], [0, 1]);
        AssertOrders(ordering, [0, 1, 2, 3], [3, 2, 1, 0]);
    }

    // Aurora: UpdateFactoryImplTest.testCreateUpdateKillOrdering (UpdateFactoryImplTest.java)
    [Fact]
    public void Compare_CreateUpdateAndKill_OrdersByActionThenId()
    {
        var ordering = new InstanceOrdering([0, 2, 4, 5, 6], [0, 1, 2, 3]);
        AssertOrders(ordering, [1, 3, 0, 2, 5, 6], [6, 5, 2, 0, 3, 1]);
    }

    [Fact]
    public void Reverse_Twice_IsTheForwardOrdering()
    {
        var ordering = new InstanceOrdering([0, 2, 4, 5, 6], [0, 1, 2, 3]);
        Assert.Equal([1, 3, 0, 2, 4, 5, 6], ordering.Reverse().Reverse().Sort([6, 5, 4, 3, 2, 1, 0]));
        Assert.False(ordering.Reverse().Reverse().IsReversed);
    }

    [Fact]
    public void Compare_UnknownInstance_Throws()
    {
        var ordering = new InstanceOrdering([0, 1], [0, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ordering.Compare(0, 7));
    }
}
