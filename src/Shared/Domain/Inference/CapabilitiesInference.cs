using Rollout.Domain.Capabilities;
using Rollout.Domain.Model;

namespace Rollout.Domain.Inference;

/// <summary>S2: the executor advertises "capabilities:..." in a status message.</summary>
public sealed class CapabilitiesInference : IExecutorInference
{
    public DetectionStrategy Strategy => DetectionStrategy.Capabilities;

    public InferenceVerdict Infer(InferenceInput input)
    {
        foreach (var update in input.TaskHistory)
        {
            var capabilities = CapabilityParser.Parse(update.Message);
            if (!capabilities.Advertised) continue;

            var state = update.State.WireName();
            if (!capabilities.Has(ExecutorCapability.HealthGatedRunning))
            {
                return new(Strategy, ExecutorVersion.VCurrent, false,
                    new Evidence($"{state} message advertises capabilities without {ExecutorCapabilities.HealthGatedRunning}", update.Timestamp));
            }

            return input.HealthCheck is null
                ? new(Strategy, ExecutorVersion.VCurrent, false,
                    new Evidence($"{state} message advertises {ExecutorCapabilities.HealthGatedRunning}, but the task defines no health check", update.Timestamp))
                : new(Strategy, ExecutorVersion.VCurrent, true,
                    new Evidence($"{state} message advertises {ExecutorCapabilities.HealthGatedRunning}", update.Timestamp));
        }

        var running = input.TaskHistory.FirstOrDefault(u => u.State == TaskState.Running);
        return running is null
            ? new(Strategy, ExecutorVersion.Unknown, false, new Evidence("no capabilities advertised yet"))
            : new(Strategy, ExecutorVersion.VPrev, false, new Evidence("RUNNING without any capabilities", running.Timestamp));
    }
}
