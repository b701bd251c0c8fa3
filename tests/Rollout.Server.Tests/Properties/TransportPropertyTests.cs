using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace Rollout.Server.Tests.Properties;

/// <summary>
/// The model-based test of the whole transport: random interleavings of both upstream streams,
/// stream cuts, upstream restarts into new epochs, browser drops, reloads, stalls and overflows.
/// After quiescence the server's views and every browser's view equal the fold of the upstream's
/// true log. Cases come from a fixed seed; a failing case is shrunk by CsCheck and reported with the
/// seed that replays it.
/// </summary>
public class TransportPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dashboard_RandomUpstreamAndBrowserFaults_EveryViewEqualsTheFoldOfTheTrueLog()
    {
        var settings = PropertySettings.FromEnvironment();
        var tally = new PropertyTally();
        var clock = Stopwatch.StartNew();
        await using var rig = await PropertyRig.StartAsync();
        output.WriteLine($"seed {settings.Seed}, {settings.Cases} cases{(settings.Replay is null ? "" : $", replaying {settings.Replay}")}");
        try
        {
            foreach (var seed in CaseSeeds(settings))
            {
                try
                {
                    await Steps.Case.SampleAsync(steps => CaseRun.RunAsync(rig, steps, tally), seed: seed, iter: 1, threads: 1, print: Print);
                }
                catch (CsCheckException failed)
                {
                    output.WriteLine($"case {seed} failed; shrinking:{Environment.NewLine}{failed.Message}");
                    throw await ShrunkAsync(settings, seed, rig, tally) ?? failed;
                }
            }
        }
        finally
        {
            output.WriteLine(tally.ToString());
            output.WriteLine($"took {clock.Elapsed.TotalSeconds:0.0} s");
        }

        Assert.Equal(0, tally.Lost);
        Assert.Equal(0, tally.Divergences);
    }

    /// <summary>The CsCheck seed of each case: one per case from the run's seed, or the one to replay.</summary>
    private static IEnumerable<string> CaseSeeds(PropertySettings settings) => settings.Replay is { } replay
        ? [replay]
        : Enumerable.Range(0, settings.Cases).Select(i => new PCG((uint)i, settings.Seed).ToString());

    /// <summary>CsCheck's shrinking from the failing seed: smaller cases are run until the budget is spent; the smallest failure is reported.</summary>
    private async Task<CsCheckException?> ShrunkAsync(PropertySettings settings, string seed, PropertyRig rig, PropertyTally tally)
    {
        try
        {
            await Steps.Case.SampleAsync(steps => CaseRun.RunAsync(rig, steps, tally), seed: seed, iter: settings.ShrinkIterations, threads: 1, print: Print);
            return null;
        }
        catch (CsCheckException shrunk)
        {
            output.WriteLine($"shrunk (replay with ROLLOUT_PROPERTY_REPLAY=<the seed below>):{Environment.NewLine}{shrunk.Message}");
            return shrunk;
        }
    }

    private static string Print(Step[] steps) => $"{steps.Length} steps: {string.Join(' ', steps)}";
}
