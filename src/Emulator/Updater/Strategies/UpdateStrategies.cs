using Rollout.Domain.Model;

namespace Rollout.Emulator.Updater.Strategies;

/// <summary>Aurora's UpdateFactory choice of strategy for an update's settings and direction.</summary>
public static class UpdateStrategies
{
    /// <summary>
    /// The strategy for <paramref name="settings"/>. <paramref name="ordering"/> is the forward ordering;
    /// rolling back uses its reverse, as Aurora's factory does.
    /// </summary>
    public static UpdateStrategy For(UpdateSettings settings, InstanceOrdering ordering, bool rollingForward)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(ordering);
        var order = rollingForward ? ordering : ordering.Reverse();
        return settings.Strategy switch
        {
            UpdateStrategyKind.Batch => new BatchStrategy(order, settings.GroupSize),
            UpdateStrategyKind.VariableBatch => new VariableBatchStrategy(order, settings.GroupSizes, rollingForward),
            _ => new QueueStrategy(order, settings.GroupSize),
        };
    }
}
