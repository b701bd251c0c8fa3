using Rollout.Emulator.Updater.Strategies;

namespace Rollout.Emulator.Tests.Updater.Strategies;

/// <summary>Ported from Aurora's QueueStrategyTest.java; groups are asserted in the strategy's order.</summary>
public class QueueStrategyTests
{
    private static readonly IComparer<int> Natural = Comparer<int>.Default;
    private static readonly int[] Empty = [];

    // Aurora: QueueStrategyTest.testBadParameter (QueueStrategyTest.java)
    [Fact]
    public void Constructor_MaxActiveZero_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new QueueStrategy(Natural, 0));
    }

    // Aurora: QueueStrategyTest.testNoWorkToDo (QueueStrategyTest.java)
    [Fact]
    public void NextGroup_NoIdleInstances_IsEmpty()
    {
        var strategy = new QueueStrategy(Natural, 2);
        Assert.Equal(Empty, strategy.NextGroup(Empty, [0, 1]));
        Assert.Equal(Empty, strategy.NextGroup(Empty, Empty));
    }

    // Aurora: QueueStrategyTest.testFillsQueue (QueueStrategyTest.java)
    [Fact]
    public void NextGroup_FreeSlots_FillsQueue()
    {
        var strategy = new QueueStrategy(Natural, 3);
        Assert.Equal([0, 1, 2], strategy.NextGroup([0, 1, 2, 3, 4, 5], Empty));
        Assert.Equal([2], strategy.NextGroup([2, 3, 4], [0, 1]));
    }

    // Aurora: QueueStrategyTest.testNonContiguous (QueueStrategyTest.java)
    [Fact]
    public void NextGroup_NonContiguousIds_TakesThemInOrder()
    {
        var strategy = new QueueStrategy(Natural, 3);
        Assert.Equal([0, 1, 3], strategy.NextGroup([0, 1, 3, 5, 8], Empty));
        Assert.Equal([5, 8], strategy.NextGroup([5, 8], [3]));
    }

    // Aurora: QueueStrategyTest.testExhausted (QueueStrategyTest.java)
    [Fact]
    public void NextGroup_FewerIdleThanSlots_TakesAllIdle()
    {
        var strategy = new QueueStrategy(Natural, 3);
        Assert.Equal([0, 1, 2], strategy.NextGroup([0, 1, 2], Empty));
        Assert.Equal([0, 1], strategy.NextGroup([0, 1], Empty));
        Assert.Equal([1], strategy.NextGroup([1], Empty));
    }

    // Aurora: QueueStrategyTest.testActiveTooLarge (QueueStrategyTest.java)
    [Fact]
    public void NextGroup_MoreActiveThanMax_IsEmpty()
    {
        var strategy = new QueueStrategy(Natural, 2);
        Assert.Equal(Empty, strategy.NextGroup([0, 1, 2], [3, 4, 5]));
    }
}
