using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rollout.Domain.Model;

namespace Rollout.Emulator.Scenarios;

/// <summary>A scenario that cannot be used; the message names every bad field.</summary>
public sealed class ScenarioException(string message) : Exception(message);

/// <summary>Reads scenarios from JSON (built-in or a file) and validates them.</summary>
public static class ScenarioLoader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private const string ResourcePrefix = "Rollout.Emulator.Scenarios.BuiltIn.";

    public static IReadOnlyList<string> BuiltInNames { get; } = typeof(ScenarioLoader).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static ScenarioDefinition BuiltIn(string name)
    {
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream($"{ResourcePrefix}{name}.json")
            ?? throw new ScenarioException($"no built-in scenario '{name}'; known: {string.Join(", ", BuiltInNames)}");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"built-in scenario {name}");
    }

    public static ScenarioDefinition FromFile(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException($"scenario file '{path}' does not exist");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>A built-in name, or a path to a .json file.</summary>
    public static ScenarioDefinition Resolve(string nameOrPath) =>
        nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? FromFile(nameOrPath) : BuiltIn(nameOrPath.Trim());

    public static ScenarioDefinition Parse(string json, string origin)
    {
        ScenarioDefinition? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<ScenarioDefinition>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{origin}: invalid JSON at {ex.Path ?? "$"}: {ex.Message}");
        }

        if (scenario is null) throw new ScenarioException($"{origin}: empty scenario");
        var errors = Validate(scenario);
        if (errors.Count > 0) throw new ScenarioException($"{origin}: {string.Join("; ", errors)}");
        return scenario;
    }

    public static IReadOnlyList<string> Validate(ScenarioDefinition scenario)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(scenario.Name)) errors.Add("name is required");
        if (scenario.Hosts.Count < 1) errors.Add("hosts.count must be >= 1");
        if (scenario.Hosts.VCurrentFraction is < 0 or > 1) errors.Add("hosts.vCurrentFraction must be within [0, 1]");
        for (var i = 0; i < scenario.ExecutorRollouts.Count; i++)
        {
            var r = scenario.ExecutorRollouts[i];
            if (r.AtSecs < 0) errors.Add($"executorRollouts[{i}].atSecs must be >= 0");
            if (r.VCurrentFraction is < 0 or > 1) errors.Add($"executorRollouts[{i}].vCurrentFraction must be within [0, 1]");
        }

        if (scenario.Jobs.Count == 0) errors.Add("jobs must not be empty");
        var keys = new HashSet<JobKey>();
        for (var j = 0; j < scenario.Jobs.Count; j++)
        {
            var job = scenario.Jobs[j];
            var path = $"jobs[{j}]";
            if (string.IsNullOrWhiteSpace(job.Role) || string.IsNullOrWhiteSpace(job.Environment) || string.IsNullOrWhiteSpace(job.Name)
                || $"{job.Role}{job.Environment}{job.Name}".Contains('/', StringComparison.Ordinal))
            {
                errors.Add($"{path} needs role, environment and name without '/'");
            }
            else if (!keys.Add(job.Key))
            {
                errors.Add($"{path}: job {job.Key} appears twice");
            }

            if (job.Instances is < 1 or > UpstreamLimits.MaxInstancesPerRange) errors.Add($"{path}.instances must be within [1, {UpstreamLimits.MaxInstancesPerRange}]");
            ValidateConfig(job.Config, $"{path}.config", errors);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var u = 0; u < job.Updates.Count; u++)
            {
                var update = job.Updates[u];
                var upath = $"{path}.updates[{u}]";
                if (update.Id is { } id && !ids.Add(id)) errors.Add($"{upath}.id '{id}' appears twice");
                if (update.AtSecs < 0) errors.Add($"{upath}.atSecs must be >= 0");
                if (string.IsNullOrWhiteSpace(update.User)) errors.Add($"{upath}.user is required");
                if (update.Instances is < 0 or > UpstreamLimits.MaxInstancesPerRange) errors.Add($"{upath}.instances must be within [0, {UpstreamLimits.MaxInstancesPerRange}]");
                if (DetectionStrategies.TryParse(update.DetectionStrategy) is null)
                    errors.Add($"{upath}.detectionStrategy must be S1, S2 or S3");
                ValidateConfig(update.Config, $"{upath}.config", errors);
                errors.AddRange(update.Settings.Validate().Select(e => $"{upath}.settings.{e}"));
                if (update.Pulses is { } p)
                {
                    if (!update.Settings.IsCoordinated) errors.Add($"{upath}.pulses needs settings.pulseIntervalSecs > 0");
                    if (p.EverySecs <= 0) errors.Add($"{upath}.pulses.everySecs must be > 0");
                    if (p.UntilSecs < p.FromSecs) errors.Add($"{upath}.pulses.untilSecs must be >= fromSecs");
                }
            }
        }

        return errors;
    }

    private static void ValidateConfig(TaskConfigDefinition config, string path, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(config.Version)) errors.Add($"{path}.version is required");
        if (config.HealthCheck is { } hc) errors.AddRange(hc.Validate().Select(e => $"{path}.healthCheck.{e}"));
        errors.AddRange(config.App.Validate($"{path}.app"));
    }

}
