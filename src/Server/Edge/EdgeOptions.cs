using Microsoft.Extensions.Options;

namespace Rollout.Server.Edge;

/// <summary>Which browser origins may use the hub besides the dashboard's own (section "Dashboard").</summary>
public sealed class EdgeOptions
{
    public const string Section = "Dashboard";

    /// <summary>Extra origins ("https://ops.example.com"); the dashboard's own origin is always allowed.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}

/// <summary>Request budgets at the browser edge (section "Dashboard:Limits").</summary>
public sealed class LimitsOptions
{
    public const string Section = "Dashboard:Limits";

    /// <summary>Snapshot calls (SubscribeList, SubscribeUpdate, GetInstanceDetail) one connection may make at once.</summary>
    public int SnapshotBurst { get; set; } = 30;

    /// <summary>Snapshot calls a connection regains per second: a browser resnapshotting a few times a second stays well inside.</summary>
    public int SnapshotsPerSecond { get; set; } = 10;

    /// <summary>GET /api/updates* calls one user (or, signed out, one address) may make at once.</summary>
    public int ApiBurst { get; set; } = 60;

    public int ApiPerSecond { get; set; } = 20;

    /// <summary>Pause/resume/abort one user (or, signed out, one address) may send at once.</summary>
    public int CommandBurst { get; set; } = 10;

    public int CommandsPerMinute { get; set; } = 60;

    /// <summary>Hub connections (WebSockets, SSE, long polls) held at once, across all browsers.</summary>
    public int MaxHubConnections { get; set; } = 1000;
}

public sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var errors = new List<string>();
        foreach (var origin in options.AllowedOrigins)
        {
            if (Origins.Normalize(origin) is null)
                errors.Add($"{EdgeOptions.Section}:AllowedOrigins: '{origin}' is not an origin (scheme://host[:port], no path)");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

public sealed class LimitsOptionsValidator : IValidateOptions<LimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, LimitsOptions options)
    {
        var errors = new List<string>();
        const string S = LimitsOptions.Section;
        Check(errors, $"{S}:SnapshotBurst", options.SnapshotBurst, 1, 10_000);
        Check(errors, $"{S}:SnapshotsPerSecond", options.SnapshotsPerSecond, 1, 10_000);
        Check(errors, $"{S}:ApiBurst", options.ApiBurst, 1, 100_000);
        Check(errors, $"{S}:ApiPerSecond", options.ApiPerSecond, 1, 100_000);
        Check(errors, $"{S}:CommandBurst", options.CommandBurst, 1, 1000);
        Check(errors, $"{S}:CommandsPerMinute", options.CommandsPerMinute, 1, 600);
        Check(errors, $"{S}:MaxHubConnections", options.MaxHubConnections, 1, 1_000_000);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string key, int value, int min, int max)
    {
        if (value < min || value > max) errors.Add($"{key} must be within [{min}, {max}] (was {value})");
    }
}
