using Rollout.Domain.Model;
using Rollout.Emulator.Updater.Strategies;

namespace Rollout.Emulator.Tests.Updater.Strategies;

/// <summary>Aurora's UpdateFactory.newUpdate strategy choice (UpdateFactory.java).</summary>
public class UpdateStrategiesTests
{
    private static readonly InstanceOrdering Ordering = new([0, 1, 2], [0, 1, 2]);

    [Fact]
    public void For_Queue_IsQueueStrategyWithGroupSizeActive()
    {
        var strategy = UpdateStrategies.For(new UpdateSettings { Strategy = UpdateStrategyKind.Queue, GroupSize = 3 }, Ordering, true);

        var queue = Assert.IsType<QueueStrategy>(strategy);
        Assert.Equal(3, queue.MaxActive);
        Assert.Same(Ordering, queue.Ordering);
    }

    [Fact]
    public void For_Batch_IsBatchStrategyWithGroupSize()
    {
        var strategy = UpdateStrategies.For(new UpdateSettings { Strategy = UpdateStrategyKind.Batch, GroupSize = 2 }, Ordering, false);

        var batch = Assert.IsType<BatchStrategy>(strategy);
        Assert.Equal(2, batch.MaxActive);
        Assert.True(Assert.IsType<InstanceOrdering>(batch.Ordering).IsReversed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void For_VariableBatch_CarriesSizesAndDirection(bool rollingForward)
    {
        var settings = new UpdateSettings { Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = [1, 2] };

        var variable = Assert.IsType<VariableBatchStrategy>(UpdateStrategies.For(settings, Ordering, rollingForward));

        Assert.Equal([1, 2], variable.GroupSizes);
        Assert.Equal(rollingForward, variable.RollingForward);
        Assert.Equal(!rollingForward, Assert.IsType<InstanceOrdering>(variable.Ordering).IsReversed);
    }

    [Fact]
    public void For_InvalidGroupSize_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(
            () => UpdateStrategies.For(new UpdateSettings { Strategy = UpdateStrategyKind.Queue, GroupSize = 0 }, Ordering, true));
        Assert.ThrowsAny<ArgumentException>(
            () => UpdateStrategies.For(new UpdateSettings { Strategy = UpdateStrategyKind.VariableBatch, GroupSizes = [] }, Ordering, true));
    }
}
