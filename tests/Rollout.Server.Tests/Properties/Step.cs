using CsCheck;

namespace Rollout.Server.Tests.Properties;

/// <summary>What one step of a case does; <see cref="Step.A"/> and <see cref="Step.B"/> pick the details.</summary>
internal enum StepKind
{
    /// <summary>A task of instance A takes its next step in life (B picks the branch).</summary>
    TaskAdvances,

    /// <summary>Instance A's task is asked to die.</summary>
    TaskKilled,

    /// <summary>A new update starts (when none is active) with settings B picks.</summary>
    UpdateStarts,

    /// <summary>The active update acts on instance A (B: success or failure).</summary>
    InstanceActs,

    /// <summary>The active update changes status: pause, resume, roll back, finish (B picks).</summary>
    UpdateStatusChanges,

    /// <summary>A coordinated update is pulsed.</summary>
    Pulsed,

    /// <summary>Every upstream stream ends; the dashboard resumes from what it holds.</summary>
    StreamsCut,

    /// <summary>The upstream restarts with a new epoch: A picks all, a prefix (B) or none of the log.</summary>
    UpstreamRestarts,

    /// <summary>Browser A's connection drops; its own code reconnects.</summary>
    BrowserReconnects,

    /// <summary>Browser A is closed and opened again on the same view.</summary>
    BrowserReloads,

    /// <summary>Browser A's page thread blocks until its next step or quiescence (a slow viewer).</summary>
    BrowserStalls,

    /// <summary>The server tells browser A it fell behind instead of sending its next batch (its outbox overflowed).</summary>
    BrowserFallsBehind,

    /// <summary>Browser A switches to view B (the list or one of the updates).</summary>
    BrowserSwitches,

    /// <summary>The test waits until the dashboard has read everything the upstream holds.</summary>
    Settle,
}

/// <summary>One step of a case, small numbers only, so that shrinking makes cases shorter and plainer.</summary>
internal readonly record struct Step(StepKind Kind, int A, int B)
{
    public override string ToString() => $"{Kind}({A},{B})";
}

/// <summary>Generates cases: sequences of steps, upstream events far more often than faults.</summary>
internal static class Steps
{
    public static readonly Gen<Step> One =
        Gen.Frequency(
            (30, Kind(StepKind.TaskAdvances)),
            (4, Kind(StepKind.TaskKilled)),
            (4, Kind(StepKind.UpdateStarts)),
            (14, Kind(StepKind.InstanceActs)),
            (6, Kind(StepKind.UpdateStatusChanges)),
            (2, Kind(StepKind.Pulsed)),
            (3, Kind(StepKind.StreamsCut)),
            (2, Kind(StepKind.UpstreamRestarts)),
            (2, Kind(StepKind.BrowserReconnects)),
            (1, Kind(StepKind.BrowserReloads)),
            (2, Kind(StepKind.BrowserStalls)),
            (2, Kind(StepKind.BrowserFallsBehind)),
            (2, Kind(StepKind.BrowserSwitches)),
            (3, Kind(StepKind.Settle)));

    /// <summary>A case: an update started first (else most events concern no view), then up to 60 steps.</summary>
    public static readonly Gen<Step[]> Case =
        One.Array[1, 60].Select(steps => (Step[])[new Step(StepKind.UpdateStarts, 0, 0), .. steps]);

    private static Gen<Step> Kind(StepKind kind) =>
        Gen.Select(Gen.Int[0, 7], Gen.Int[0, 7], (a, b) => new Step(kind, a, b));
}
