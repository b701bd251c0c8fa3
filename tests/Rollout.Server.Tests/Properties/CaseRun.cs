using System.Text;
using Rollout.Server.Tests.Support;

namespace Rollout.Server.Tests.Properties;

/// <summary>
/// Runs one case against the shared rig: a clean epoch, three browsers (the list and the first two
/// updates), the steps, then quiescence and the check: the server's views and every browser's view
/// equal the fold of the upstream's true log, and no true event is missing from the server.
/// </summary>
internal static class CaseRun
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(PropertyRig rig, IReadOnlyList<Step> steps, PropertyTally tally)
    {
        await rig.BeginCaseAsync();
        var simulation = new Simulation(rig.Upstream, T0);
        var browsers = new List<PropertyBrowser>();
        try
        {
            foreach (var view in Simulation.Views.Take(3)) browsers.Add(await PropertyBrowser.OpenAsync(rig.App.BaseAddress, view));
            foreach (var step in steps)
            {
                tally.Step(step.Kind);
                if (simulation.Play(step)) continue;
                var browser = browsers[step.A % browsers.Count];
                switch (step.Kind)
                {
                    case StepKind.BrowserReconnects: await browser.DropConnectionAsync(); break;
                    case StepKind.BrowserReloads: await browser.ReloadAsync(); break;
                    case StepKind.BrowserStalls: browser.Stall(); break;
                    case StepKind.BrowserFallsBehind: await browser.FallBehindAsync(); break;
                    case StepKind.BrowserSwitches: await browser.SwitchAsync(Simulation.Views[step.B % Simulation.Views.Count]); break;
                    case StepKind.Settle: await rig.CaughtUpAsync(); break;
                }
            }

            await CheckAsync(rig, simulation, browsers, tally);
        }
        finally
        {
            foreach (var browser in browsers) await browser.DisposeAsync();
        }
    }

    private static async Task CheckAsync(PropertyRig rig, Simulation simulation, List<PropertyBrowser> browsers, PropertyTally tally)
    {
        foreach (var browser in browsers) await browser.ReleaseAsync();
        await rig.CaughtUpAsync();
        var (status, updater) = (rig.Upstream.StatusTruth, rig.Upstream.UpdaterTruth);
        var oracle = new Oracle(status, updater);
        var report = new StringBuilder();
        var divergences = 0;

        foreach (var view in Simulation.Views)
        {
            var diff = oracle.View(view).Diff(Oracle.Served(rig.Model, view));
            if (diff.Count == 0) continue;
            divergences++;
            report.AppendLine($"server's {view} differs from the fold of the true log (- truth, + server):").AppendJoin(Environment.NewLine, diff).AppendLine();
        }

        var lost = LostEvents.Find(rig.Model, status, updater);
        if (lost.Count > 0) report.AppendLine($"{lost.Count} true events not reflected by the server: {string.Join("; ", lost.Take(5))}");

        foreach (var browser in browsers)
        {
            var expected = oracle.View(browser.View);
            ViewProjection shown;
            try
            {
                shown = await browser.SettledAsync(rig, expected, PropertyRig.Timeout);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                divergences++;
                report.AppendLine($"{await browser.DescribeAsync()} never reached the server's version {rig.Served(browser.View)}: {ex.Message}");
                shown = await browser.ShownAsync();
            }

            var diff = expected.Diff(shown);
            if (diff.Count == 0) continue;
            divergences++;
            report.AppendLine($"browser's {browser.View} differs from the fold of the true log (- truth, + browser):").AppendJoin(Environment.NewLine, diff).AppendLine();
        }

        tally.Case(simulation.Appended, lost.Count, divergences, browsers.Sum(b => b.Snapshots));
        if (report.Length > 0)
        {
            throw new PropertyFailure($"epoch {rig.Upstream.Epoch}, {status.Count} status and {updater.Count} updater events in the true log{Environment.NewLine}{report}");
        }
    }
}

/// <summary>A case whose views did not equal the fold of the true log.</summary>
internal sealed class PropertyFailure(string message) : Exception(message);
