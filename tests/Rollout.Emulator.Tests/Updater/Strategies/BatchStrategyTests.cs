using Rollout.Emulator.Updater.Strategies;

namespace Rollout.Emulator.Tests.Updater.Strategies;

/// <summary>Ported from Aurora's BatchStrategyTest.java; groups are asserted in the strategy's order.</summary>
public class BatchStrategyTests
{
    private static readonly IComparer<int> Natural = Comparer<int>.Default;
    private static readonly int[] Empty = [];

    // Aurora: BatchStrategyTest.testBadParameter (BatchStrategyTest.java)
    [Fact]
    public void Constructor_MaxActiveZero_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new BatchStrategy(Natural, 0));
    }

    // Aurora: BatchStrategyTest.testNoWorkToDo (BatchStrategyTest.java)
    [Fact]
    public void NextGroup_NoIdleInstances_IsEmpty()
    {
        var strategy = new BatchStrategy(Natural, 2);
        Assert.Equal(Empty, strategy.NextGroup(Empty, [0, 1]));
        Assert.Equal(Empty, strategy.NextGroup(Empty, Empty));
    }

    // Aurora: BatchStrategyTest.testWaitForBatchCompletion (BatchStrategyTest.java)
    [Fact]
    public void NextGroup_BatchInFlight_WaitsForItToComplete()
    {
        var strategy = new BatchStrategy(Natural, 2);
        Assert.Equal(Empty, strategy.NextGroup([2, 3], [0, 1]));
        Assert.Equal(Empty, strategy.NextGroup([2, 3], [1]));
        Assert.Equal([2, 3], strategy.NextGroup([2, 3], Empty));
    }

    // Aurora: BatchStrategyTest.testBatchesIgnoreInstanceValues (BatchStrategyTest.java)
    [Fact]
    public void NextGroup_AnyIdValues_BatchesByCountNotById()
    {
        var strategy = new BatchStrategy(Natural, 2);
        Assert.Equal([0, 1], strategy.NextGroup([0, 1, 2, 3], Empty));
        Assert.Equal([1, 2], strategy.NextGroup([1, 2, 3], Empty));
        Assert.Equal([2, 3], strategy.NextGroup([2, 3], Empty));
        Assert.Equal([3, 8], strategy.NextGroup([3, 8], Empty));
    }

    // Aurora: BatchStrategyTest.testExhausted (BatchStrategyTest.java)
    [Fact]
    public void NextGroup_FewerIdleThanBatch_TakesAllIdle()
    {
        var strategy = new BatchStrategy(Natural, 3);
        Assert.Equal([0, 1, 2], strategy.NextGroup([0, 1, 2], Empty));
        Assert.Equal([0, 1], strategy.NextGroup([0, 1], Empty));
        Assert.Equal([1], strategy.NextGroup([1], Empty));
    }

    // Aurora: BatchStrategyTest.testActiveTooLarge (BatchStrategyTest.java)
    [Fact]
    public void NextGroup_MoreActiveThanMax_IsEmpty()
    {
        var strategy = new BatchStrategy(Natural, 2);
        Assert.Equal(Empty, strategy.NextGroup([0, 1, 2], [3, 4, 5]));
    }
}
