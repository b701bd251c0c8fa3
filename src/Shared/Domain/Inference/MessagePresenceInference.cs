using Rollout.Domain.Model;

namespace Rollout.Domain.Inference;

/// <summary>S1: a vCurrent executor says "Task is healthy." (or "assumed healthy") in its RUNNING update.</summary>
public sealed class MessagePresenceInference : IExecutorInference
{
    public DetectionStrategy Strategy => DetectionStrategy.MessagePresence;

    public InferenceVerdict Infer(InferenceInput input)
    {
        var running = input.TaskHistory.FirstOrDefault(u => u.State == TaskState.Running);
        if (running is null)
        {
            return new(Strategy, ExecutorVersion.Unknown, false, new Evidence("no RUNNING update yet"));
        }

        var message = running.Message ?? string.Empty;
        if (message.Contains(ExecutorMessages.TaskIsHealthy, StringComparison.Ordinal))
        {
            return new(Strategy, ExecutorVersion.VCurrent, true,
                new Evidence($"RUNNING message says \"{ExecutorMessages.TaskIsHealthy}\"", running.Timestamp));
        }

        if (message.Contains(ExecutorMessages.NoHealthCheckDefined, StringComparison.Ordinal))
        {
            return new(Strategy, ExecutorVersion.VCurrent, false,
                new Evidence("RUNNING message says no health check is defined", running.Timestamp));
        }

        return new(Strategy, ExecutorVersion.VPrev, false,
            new Evidence("RUNNING message lacks \"Task is healthy.\"", running.Timestamp));
    }
}
