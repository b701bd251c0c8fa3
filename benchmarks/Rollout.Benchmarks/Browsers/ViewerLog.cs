using Microsoft.AspNetCore.SignalR.Protocol;
using Rollout.Domain.Dashboard;
using Rollout.Domain.Model;

namespace Rollout.Benchmarks.Browsers;

/// <summary>Everything one wire client received, in order, and whether its update has finished.</summary>
internal sealed class ViewerLog
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedMessage> _messages = [];
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a delta shows the watched update in a terminal state.</summary>
    public Task Finished => _finished.Task;

    public void Add(ReceivedMessage message)
    {
        lock (_gate) _messages.Add(message);
        if (Deltas(message) is { } batch && batch.View != DashboardViews.List && batch.Updates.Any(u => u.Status.IsTerminal())) _finished.TrySetResult();
    }

    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_gate) return [.. _messages];
        }
    }

    public static DeltaBatch? Deltas(ReceivedMessage message) =>
        message.Message is InvocationMessage { Target: nameof(IDashboardClient.ReceiveDeltas), Arguments: [DeltaBatch batch] } ? batch : null;
}
