using Rollout.Domain.Model;

namespace Rollout.Domain.Inference;

/// <summary>The three strategies, and what the evidence alone says about an instance.</summary>
public static class ExecutorInference
{
    public static IExecutorInference S1 { get; } = new MessagePresenceInference();

    public static IExecutorInference S2 { get; } = new CapabilitiesInference();

    public static IExecutorInference S3 { get; } = new SettingsBitInference();

    /// <summary>For a strategy this build does not know: decides nothing.</summary>
    public static IExecutorInference Unknown { get; } = new UnknownStrategyInference();

    public static IReadOnlyList<IExecutorInference> All { get; } = [S1, S2, S3];

    /// <summary>Any strategy but S1, S2 and S3 decides nothing: an unknown one must never make RUNNING count as healthy.</summary>
    public static IExecutorInference For(DetectionStrategy strategy) => strategy switch
    {
        DetectionStrategy.MessagePresence => S1,
        DetectionStrategy.Capabilities => S2,
        DetectionStrategy.SettingsBit => S3,
        _ => Unknown,
    };

    /// <summary>
    /// The executor version as observed from messages (S2 first, then S1), never from settings:
    /// what the instance really runs, whatever the update's strategy assumes.
    /// </summary>
    public static InferenceVerdict Observe(InferenceInput input)
    {
        var s2 = S2.Infer(input);
        if (s2.Version == ExecutorVersion.VCurrent) return s2;
        var s1 = S1.Infer(input);
        if (s1.Determined) return s1;

        // Structured progress only comes from an executor that holds STARTING while checking.
        var progress = input.TaskHistory.FirstOrDefault(u => u.HealthCheck is not null);
        if (progress is not null)
        {
            return new(DetectionStrategy.Capabilities, ExecutorVersion.VCurrent, input.HealthCheck is not null,
                new Evidence("STARTING update carried health-check progress", progress.Timestamp));
        }

        return s2;
    }
}
