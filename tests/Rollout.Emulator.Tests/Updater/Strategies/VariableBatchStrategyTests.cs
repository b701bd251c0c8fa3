using Rollout.Emulator.Updater.Strategies;

namespace Rollout.Emulator.Tests.Updater.Strategies;

/// <summary>Ported from Aurora's VariableBatchStrategyTest.java; groups are asserted in the strategy's order.</summary>
public class VariableBatchStrategyTests
{
    private static readonly IComparer<int> Natural = Comparer<int>.Default;
    private static readonly IComparer<int> Reversed = Comparer<int>.Create((a, b) => b.CompareTo(a));
    private static readonly int[] Empty = [];

    private static VariableBatchStrategy Forward(params int[] sizes) => new(Natural, sizes, rollingForward: true);

    private static VariableBatchStrategy Backward(params int[] sizes) => new(Reversed, sizes, rollingForward: false);

    // Aurora: VariableBatchStrategyTest.testBadParameter (VariableBatchStrategyTest.java)
    [Fact]
    public void Constructor_GroupSizeZero_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => Forward(0));
    }

    // Aurora: VariableBatchStrategyTest.testNoWorkToDo (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_NoIdleInstances_IsEmpty()
    {
        var strategy = Forward(2);
        Assert.Equal(Empty, strategy.NextGroup(Empty, [0, 1]));
        Assert.Equal(Empty, strategy.NextGroup(Empty, Empty));
    }

    // Aurora: VariableBatchStrategyTest.testVariableBatchCompletion (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_BatchInFlight_WaitsForItToComplete()
    {
        var strategy = Forward(2);
        Assert.Equal(Empty, strategy.NextGroup([2, 3], [0, 1]));
        Assert.Equal(Empty, strategy.NextGroup([2, 3], [1]));
        Assert.Equal([2, 3], strategy.NextGroup([2, 3], Empty));
    }

    // Aurora: VariableBatchStrategyTest.testBatchesIgnoreInstanceValues (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_AnyIdValues_BatchesByCountNotById()
    {
        var strategy = Forward(2);
        Assert.Equal([0, 1], strategy.NextGroup([0, 1, 2, 3], Empty));
        Assert.Equal([1, 2], strategy.NextGroup([1, 2, 3], Empty));
        Assert.Equal([2, 3], strategy.NextGroup([2, 3], Empty));
        Assert.Equal([3, 8], strategy.NextGroup([3, 8], Empty));
    }

    // Aurora: VariableBatchStrategyTest.testExhausted (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_FewerIdleThanBatch_TakesAllIdle()
    {
        var strategy = Forward(3);
        Assert.Equal([0, 1, 2], strategy.NextGroup([0, 1, 2], Empty));
        Assert.Equal([0, 1], strategy.NextGroup([0, 1], Empty));
        Assert.Equal([1], strategy.NextGroup([1], Empty));
    }

    // Aurora: VariableBatchStrategyTest.testActiveTooLarge (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_MoreActiveThanBatch_IsEmpty()
    {
        var strategy = Forward(2);
        Assert.Equal(Empty, strategy.NextGroup([0, 1, 2], [3, 4, 5]));
    }

    // Aurora: VariableBatchStrategyTest.testIncreasingGroupSizes (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_IncreasingSizes_FollowsEachSize()
    {
        var strategy = Forward(1, 2, 3);
        Assert.Equal([0], strategy.NextGroup([0, 1, 2, 3, 4, 5], Empty));
        Assert.Equal([1, 2], strategy.NextGroup([1, 2, 3, 4, 5], Empty));
        Assert.Equal([3, 4, 5], strategy.NextGroup([3, 4, 5], Empty));
    }

    // Aurora: VariableBatchStrategyTest.testDecreasingGroupSizes (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_DecreasingSizes_FollowsEachSize()
    {
        var strategy = Forward(3, 2, 1);
        Assert.Equal([0, 1, 2], strategy.NextGroup([0, 1, 2, 3, 4, 5], Empty));
        Assert.Equal([3, 4], strategy.NextGroup([3, 4, 5], Empty));
        Assert.Equal([5], strategy.NextGroup([5], Empty));
    }

    // Aurora: VariableBatchStrategyTest.testSeeSawGroupSizes (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_SeeSawSizes_FollowsEachSize()
    {
        var strategy = Forward(1, 3, 2, 4);
        Assert.Equal([0], strategy.NextGroup([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], Empty));
        Assert.Equal([1, 2, 3], strategy.NextGroup([1, 2, 3, 4, 5, 6, 7, 8, 9], Empty));
        Assert.Equal([4, 5], strategy.NextGroup([4, 5, 6, 7, 8, 9], Empty));
        Assert.Equal([6, 7, 8, 9], strategy.NextGroup([6, 7, 8, 9], Empty));
    }

    // Aurora: VariableBatchStrategyTest.testMoreInstancesThanSumOfGroupSizes (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_MoreInstancesThanSumOfSizes_RepeatsLastSize()
    {
        var strategy = Forward(1, 2);
        Assert.Equal([0], strategy.NextGroup([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], Empty));
        Assert.Equal([1, 2], strategy.NextGroup([1, 2, 3, 4, 5, 6, 7, 8, 9], Empty));
        Assert.Equal([3, 4], strategy.NextGroup([3, 4, 5, 6, 7, 8, 9], Empty));
        Assert.Equal([5, 6], strategy.NextGroup([5, 6, 7, 8, 9], Empty));
        Assert.Equal([7, 8], strategy.NextGroup([7, 8, 9], Empty));
        Assert.Equal([9], strategy.NextGroup([9], Empty));
    }

    // Aurora: VariableBatchStrategyTest.testRollback (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_RollingBack_UndoesForwardGroupsLastFirst()
    {
        var strategy = Backward(1, 2, 3);
        Assert.Equal([5, 4, 3], strategy.NextGroup([0, 1, 2, 3, 4, 5], Empty));
        Assert.Equal([2, 1], strategy.NextGroup([0, 1, 2], Empty));
        Assert.Equal([0], strategy.NextGroup([0], Empty));
    }

    // Aurora: VariableBatchStrategyTest.testRollbackMidWay (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_RollingBackMidWay_StartsFromTheGroupReached()
    {
        var strategy = Backward(1, 2, 3);
        Assert.Equal([2, 1], strategy.NextGroup([0, 1, 2], Empty));
        Assert.Equal([0], strategy.NextGroup([0], Empty));
    }

    // Aurora: VariableBatchStrategyTest.testRollbackOverflow (VariableBatchStrategyTest.java)
    [Fact]
    public void NextGroup_RollingBackPastSumOfSizes_RepeatsLastSizeFromTheRemainder()
    {
        var strategy = Backward(1, 2);
        Assert.Equal([6, 5], strategy.NextGroup([0, 1, 2, 3, 4, 5, 6], Empty));
        Assert.Equal([4, 3], strategy.NextGroup([0, 1, 2, 3, 4], Empty));
        Assert.Equal([2, 1], strategy.NextGroup([0, 1, 2], Empty));
        Assert.Equal([0], strategy.NextGroup([0], Empty));
    }
}
