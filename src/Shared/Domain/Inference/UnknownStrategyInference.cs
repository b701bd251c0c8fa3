using Rollout.Domain.Model;

namespace Rollout.Domain.Inference;

/// <summary>
/// An update whose detection strategy this build does not know: nothing is decided from it. The version
/// stays unknown, so gating stays undetermined and RUNNING never counts as healthy, whatever the evidence.
/// </summary>
public sealed class UnknownStrategyInference : IExecutorInference
{
    public DetectionStrategy Strategy => DetectionStrategy.Unknown;

    public InferenceVerdict Infer(InferenceInput input) =>
        new(Strategy, ExecutorVersion.Unknown, false, new Evidence("the update's detection strategy is not one this dashboard knows"));
}
