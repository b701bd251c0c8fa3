using Rollout.Domain.Capabilities;
using Rollout.Domain.Events;
using Rollout.Domain.Model;

namespace Rollout.Server.ReadModel;

/// <summary>The kinds of value a scheduler may send that this build does not know.</summary>
public enum UnknownValueKind
{
    /// <summary>A task state number: the event is kept in the task's timeline, the instance keeps its last known state.</summary>
    TaskState,

    /// <summary>A detection strategy number: the update is kept, its instances' gating undetermined.</summary>
    DetectionStrategy,

    /// <summary>A gating mode number in an updater decision: shown as undetermined.</summary>
    GatingMode,

    /// <summary>A capability name that is not exactly one of the contract's: shown, never gating.</summary>
    Capability,
}

/// <summary>
/// Counts the unknown values in what the fold takes, by kind. Values are counted as received, like bad
/// messages: an exact duplicate the fold ignores is not counted again, an upstream snapshot that sends
/// one again is. Written under the model's lock, read from anywhere.
/// </summary>
public sealed class UnknownValues
{
    private readonly long[] _counts = new long[Enum.GetValues<UnknownValueKind>().Length];

    public long Total
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _counts.Length; i++) total += Interlocked.Read(ref _counts[i]);
            return total;
        }
    }

    public long this[UnknownValueKind kind] => Interlocked.Read(ref _counts[(int)kind]);

    /// <summary>Each kind's count under its camelCase name, for /healthz.</summary>
    public IReadOnlyDictionary<string, long> ByKind() =>
        Enum.GetValues<UnknownValueKind>().ToDictionary(k => char.ToLowerInvariant(k.ToString()[0]) + k.ToString()[1..], k => this[k]);

    /// <returns>Whether anything was counted.</returns>
    public bool Count(TaskStatusUpdate update)
    {
        var counted = false;
        if (!update.HasKnownState()) counted |= Add(UnknownValueKind.TaskState, 1);
        var capabilities = CapabilityParser.Parse(update.Message);
        counted |= Add(UnknownValueKind.Capability, capabilities.Unknown.Count);
        return counted;
    }

    /// <returns>Whether anything was counted.</returns>
    public bool Count(UpdaterEvent e) => e switch
    {
        UpdateStarted { DetectionStrategy: DetectionStrategy.Unknown } => Add(UnknownValueKind.DetectionStrategy, 1),
        GatingDecisionMade { UnknownMode: not null } => Add(UnknownValueKind.GatingMode, 1),
        _ => false,
    };

    private bool Add(UnknownValueKind kind, int count)
    {
        if (count == 0) return false;
        Interlocked.Add(ref _counts[(int)kind], count);
        return true;
    }
}
