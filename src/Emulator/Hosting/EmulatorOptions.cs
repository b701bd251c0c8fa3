namespace Rollout.Emulator.Hosting;

/// <summary>Settings of the embedded or standalone emulator (section "Emulator").</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>Comma-separated built-in scenario names and/or paths to scenario .json files.</summary>
    public string Scenarios { get; set; } = "mixed-executors";

    /// <summary>
    /// A recording file (a dashboard's GET .../recording) to serve instead of the scenarios: its events
    /// are emitted as the scheduler's own, paced by their timestamps at <see cref="Speed"/>. Empty: run the scenarios.
    /// </summary>
    public string Recording { get; set; } = string.Empty;

    /// <summary>How many times faster than real time the scenario (or the recording) runs.</summary>
    public double Speed { get; set; } = 1;

    public int Seed { get; set; } = 1;

    /// <summary>Events each stream keeps for resuming subscribers.</summary>
    public int RetainedEvents { get; set; } = 250_000;

    /// <summary>When positive, every job rolls again this many seconds after its last update was scheduled, forever.</summary>
    public double RepeatEverySecs { get; set; }

    /// <summary>Users allowed to pause, resume and abort; empty allows any named user.</summary>
    public List<string> AllowedOperators { get; set; } = [];

    /// <summary>
    /// Keys a caller must present (metadata "authorization: Bearer &lt;key&gt;"): the primary and, while
    /// rotating, a secondary. Empty refuses to start unless <see cref="AllowAnonymous"/> is set.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Accept calls without a key: only when set explicitly, and only with no keys configured.</summary>
    public bool AllowAnonymous { get; set; }

    public IEnumerable<string> ScenarioNames() =>
        Scenarios.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
