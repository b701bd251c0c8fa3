using System.Collections.Concurrent;

namespace Rollout.Server.Tests.Properties;

/// <summary>What a property test did, for its output: cases, steps, events, and what went wrong.</summary>
internal sealed class PropertyTally
{
    private readonly ConcurrentDictionary<StepKind, int> _steps = new();

    public int Cases { get; private set; }

    public int Steps => _steps.Values.Sum();

    public int Events { get; private set; }

    /// <summary>Events of the true log the server did not reflect.</summary>
    public int Lost { get; private set; }

    /// <summary>Views (the server's or a browser's) that differed from the fold of the true log.</summary>
    public int Divergences { get; private set; }

    /// <summary>Snapshots the browsers took, first loads included.</summary>
    public int Snapshots { get; private set; }

    public void Step(StepKind kind) => _steps.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Case(int events, int lost, int divergences, int snapshots)
    {
        Cases++;
        Events += events;
        Lost += lost;
        Divergences += divergences;
        Snapshots += snapshots;
    }

    public override string ToString() =>
        $"cases run {Cases}, operations applied {Steps}, events appended {Events}, events lost {Lost}, divergences {Divergences}, browser snapshots {Snapshots}"
        + Environment.NewLine + "  operations: " + string.Join(", ", _steps.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"));
}
