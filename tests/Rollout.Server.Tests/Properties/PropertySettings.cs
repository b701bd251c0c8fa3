using System.Globalization;

namespace Rollout.Server.Tests.Properties;

/// <summary>
/// How many cases to run and from which seed. CI runs a fixed seed and a bounded count; the long
/// mode sets ROLLOUT_PROPERTY_CASES (and ROLLOUT_PROPERTY_SEED to vary the cases);
/// ROLLOUT_PROPERTY_REPLAY reruns one case by the seed a failure printed.
/// </summary>
internal sealed record PropertySettings(int Cases, ulong Seed, string? Replay, int ShrinkIterations)
{
    public const int DefaultCases = 120;
    public const ulong DefaultSeed = 20260401;
    public const int DefaultShrinkIterations = 1000;

    public static PropertySettings FromEnvironment() => new(
        Number("ROLLOUT_PROPERTY_CASES", DefaultCases),
        Environment.GetEnvironmentVariable("ROLLOUT_PROPERTY_SEED") is { Length: > 0 } seed ? ulong.Parse(seed, CultureInfo.InvariantCulture) : DefaultSeed,
        Environment.GetEnvironmentVariable("ROLLOUT_PROPERTY_REPLAY") is { Length: > 0 } replay ? replay : null,
        Number("ROLLOUT_PROPERTY_SHRINK_ITER", DefaultShrinkIterations));

    private static int Number(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
