namespace Rollout.Domain.Model;

/// <summary>Aurora's job key: role/environment/name.</summary>
public sealed record JobKey(string Role, string Environment, string Name)
{
    public override string ToString() => $"{Role}/{Environment}/{Name}";

    /// <summary>Parses "role/env/name"; returns null for anything else.</summary>
    public static JobKey? TryParse(string? text)
    {
        var parts = text?.Split('/');
        return parts is { Length: 3 } && parts.All(p => p.Length > 0) ? new JobKey(parts[0], parts[1], parts[2]) : null;
    }
}

/// <summary>Identifies one update of one job.</summary>
public sealed record UpdateKey(JobKey Job, string Id)
{
    public override string ToString() => $"{Job}#{Id}";
}
