using Rollout.Domain.Model;

namespace Rollout.Domain.Inference;

/// <summary>S3: trust the update's executorDrivenUpdates bit. It can lie: the version is assumed.</summary>
public sealed class SettingsBitInference : IExecutorInference
{
    public DetectionStrategy Strategy => DetectionStrategy.SettingsBit;

    public InferenceVerdict Infer(InferenceInput input)
    {
        if (!input.Settings.ExecutorDrivenUpdates)
        {
            return new(Strategy, ExecutorVersion.VPrev, false, new Evidence("executorDrivenUpdates bit not set"), Assumed: true);
        }

        return input.HealthCheck is null
            ? new(Strategy, ExecutorVersion.VCurrent, false,
                new Evidence("executorDrivenUpdates bit set, but the task defines no health check"), Assumed: true)
            : new(Strategy, ExecutorVersion.VCurrent, true, new Evidence("executorDrivenUpdates bit set"), Assumed: true);
    }
}
