namespace Rollout.Domain.Model;

public enum UpdateStrategyKind
{
    Queue,
    Batch,
    VariableBatch,
}

/// <summary>How the updater decides whether an instance's executor gates RUNNING on health.</summary>
public enum DetectionStrategy
{
    /// <summary>S1: the RUNNING message says "Task is healthy.".</summary>
    MessagePresence,

    /// <summary>S2: the status message carries a capabilities list.</summary>
    Capabilities,

    /// <summary>S3: the update settings carry the executorDrivenUpdates bit.</summary>
    SettingsBit,

    /// <summary>
    /// A strategy number this build does not know (the update's <c>UnknownDetectionStrategy</c> holds it).
    /// Nothing can be decided with it: its instances stay undetermined and RUNNING never counts as healthy.
    /// </summary>
    Unknown,
}

public static class DetectionStrategies
{
    public static string ShortName(this DetectionStrategy strategy) => strategy switch
    {
        DetectionStrategy.MessagePresence => "S1",
        DetectionStrategy.Capabilities => "S2",
        DetectionStrategy.SettingsBit => "S3",
        _ => "UNKNOWN",
    };

    /// <summary>The short name, or "UNKNOWN(7)" for a strategy number this build does not know.</summary>
    public static string DisplayName(this DetectionStrategy strategy, int? unknownNumber) =>
        strategy is DetectionStrategy.MessagePresence or DetectionStrategy.Capabilities or DetectionStrategy.SettingsBit
            ? strategy.ShortName()
            : UnknownValueNames.Of(unknownNumber);

    public static DetectionStrategy? TryParse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "S1" or "MESSAGEPRESENCE" or "MESSAGE_PRESENCE" => DetectionStrategy.MessagePresence,
        "S2" or "CAPABILITIES" => DetectionStrategy.Capabilities,
        "S3" or "SETTINGSBIT" or "SETTINGS_BIT" => DetectionStrategy.SettingsBit,
        _ => null,
    };
}

/// <summary>Aurora's JobUpdateSettings, the parts that matter here.</summary>
public sealed record UpdateSettings
{
    public UpdateStrategyKind Strategy { get; init; } = UpdateStrategyKind.Batch;

    /// <summary>Queue: instances in flight. Batch: instances per batch.</summary>
    public int GroupSize { get; init; } = 1;

    /// <summary>Variable batch: the batch sizes in order; the last repeats.</summary>
    public IReadOnlyList<int> GroupSizes { get; init; } = [];

    /// <summary>minWaitInInstanceRunningMs, in seconds.</summary>
    public int WatchSecs { get; init; } = 45;

    public int MaxPerInstanceFailures { get; init; }

    public int MaxFailedInstances { get; init; }

    public bool RollbackOnFailure { get; init; } = true;

    /// <summary>S3: the scheduler may assume STARTING->RUNNING means healthy.</summary>
    public bool ExecutorDrivenUpdates { get; init; }

    public bool AutoPauseAfterBatch { get; init; }

    /// <summary>blockIfNoPulsesAfterMs in seconds; 0 means not coordinated.</summary>
    public int PulseIntervalSecs { get; init; }

    public bool IsCoordinated => PulseIntervalSecs > 0;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Strategy is UpdateStrategyKind.Queue or UpdateStrategyKind.Batch && GroupSize < 1)
            errors.Add("groupSize must be >= 1");
        if (Strategy == UpdateStrategyKind.VariableBatch && (GroupSizes.Count == 0 || GroupSizes.Any(s => s < 1)))
            errors.Add("groupSizes must be a non-empty list of sizes >= 1");
        if (WatchSecs < 0) errors.Add("watchSecs must be >= 0");
        if (MaxPerInstanceFailures < 0) errors.Add("maxPerInstanceFailures must be >= 0");
        if (MaxFailedInstances < 0) errors.Add("maxFailedInstances must be >= 0");
        if (PulseIntervalSecs < 0) errors.Add("pulseIntervalSecs must be >= 0");
        return errors;
    }
}

/// <summary>An inclusive range of instance ids.</summary>
public sealed record InstanceRange(int First, int Last)
{
    public IEnumerable<int> Ids() => Enumerable.Range(First, Math.Max(0, Last - First + 1));

    public override string ToString() => First == Last ? $"{First}" : $"{First}-{Last}";
}
