using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Rollout.Domain.Dashboard;

namespace Rollout.Benchmarks.Browsers;

/// <summary>What a browser expects from the dashboard hub: deltas, resyncs, and the answers to the calls it made.</summary>
internal sealed class DashboardBinder : IInvocationBinder
{
    private static readonly Type[] Deltas = [typeof(DeltaBatch)];
    private static readonly Type[] Reason = [typeof(string)];

    private readonly ConcurrentDictionary<string, Type> _answers = new(StringComparer.Ordinal);

    public void Expect(string invocationId, Type answer) => _answers[invocationId] = answer;

    public Type GetReturnType(string invocationId) => _answers.TryGetValue(invocationId, out var type) ? type : typeof(object);

    public IReadOnlyList<Type> GetParameterTypes(string methodName) => methodName switch
    {
        nameof(IDashboardClient.ReceiveDeltas) => Deltas,
        nameof(IDashboardClient.Resync) => Reason,
        _ => throw new InvalidOperationException($"the dashboard sent an unknown method {methodName}"),
    };

    public Type GetStreamItemType(string streamId) => throw new NotSupportedException("the dashboard streams nothing");
}
