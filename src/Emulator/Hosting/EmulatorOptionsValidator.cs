using Microsoft.Extensions.Options;
using Rollout.Contracts.Recording;
using Rollout.Emulator.Scenarios;

namespace Rollout.Emulator.Hosting;

/// <summary>Names every bad key, so a misconfigured emulator fails at start with all its problems at once.</summary>
public sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var errors = new List<string>();
        const string S = EmulatorOptions.Section;
        if (!(options.Speed > 0 && options.Speed <= 10_000)) errors.Add($"{S}:Speed must be within (0, 10000] (was {options.Speed})");
        if (options.RepeatEverySecs != 0 && !(options.RepeatEverySecs >= 10 && options.RepeatEverySecs <= 86_400))
            errors.Add($"{S}:RepeatEverySecs must be 0 (off) or within [10, 86400] (was {options.RepeatEverySecs})");
        if (options.RetainedEvents < 1_000) errors.Add($"{S}:RetainedEvents must be >= 1000 (was {options.RetainedEvents})");
        if (options.AllowedOperators.Any(string.IsNullOrWhiteSpace)) errors.Add($"{S}:AllowedOperators must not hold empty names");

        if (options.ApiKeys.Count == 0 && !options.AllowAnonymous)
            errors.Add($"{S}:ApiKeys must hold a key (--api-key, or {S}:ApiKeys:0 and :1 while rotating), or set {S}:AllowAnonymous=true to accept any caller");
        if (options.ApiKeys.Count > 2) errors.Add($"{S}:ApiKeys holds {options.ApiKeys.Count} keys; at most 2 (primary and secondary)");
        if (options.ApiKeys.Any(k => k is null || k.Trim().Length < Contracts.Auth.UpstreamKey.MinLength || k.Trim() != k))
            errors.Add($"{S}:ApiKeys: every key must be at least {Contracts.Auth.UpstreamKey.MinLength} characters, with no surrounding spaces");
        if (options.ApiKeys.Count > 0 && options.AllowAnonymous)
            errors.Add($"{S}:AllowAnonymous must not be set together with {S}:ApiKeys");

        if (options.Recording.Length > 0)
        {
            // Read whole at start, so a bad file stops the emulator naming the key, the line and the problem.
            if (!File.Exists(options.Recording))
                errors.Add($"{S}:Recording: the file '{options.Recording}' does not exist (looked for {Path.GetFullPath(options.Recording)})");
            else if (!RecordingReader.TryReadFile(options.Recording, out _, out var problem))
                errors.Add($"{S}:Recording: '{options.Recording}' is not a readable recording: {problem}");
        }
        else
        {
            ValidateScenarios(options, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Scenarios are only run (and checked) without a recording.</summary>
    private static void ValidateScenarios(EmulatorOptions options, List<string> errors)
    {
        const string S = EmulatorOptions.Section;
        var names = options.ScenarioNames().ToList();
        if (names.Count == 0) errors.Add($"{S}:Scenarios must name at least one scenario (built-in: {string.Join(", ", ScenarioLoader.BuiltInNames)})");
        var jobs = new HashSet<Domain.Model.JobKey>();
        foreach (var scenario in names)
        {
            try
            {
                foreach (var job in ScenarioLoader.Resolve(scenario).Jobs)
                {
                    if (!jobs.Add(job.Key)) errors.Add($"{S}:Scenarios: job {job.Key} appears in more than one scenario");
                }
            }
            catch (ScenarioException ex)
            {
                errors.Add($"{S}:Scenarios: {ex.Message}");
            }
        }

        if (names.Count != names.Distinct(StringComparer.Ordinal).Count()) errors.Add($"{S}:Scenarios names a scenario twice");
    }
}
